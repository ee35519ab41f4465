using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HumanoidRl.Daemon.Hosting;

/// <summary>The address Kestrel actually listens on (with the real port when the config asked for port 0).</summary>
public static class BoundAddress
{
    public static Uri Of(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Count == 1
            ? new Uri(addresses.First())
            : throw new InvalidOperationException($"expected one listen address, Kestrel reports {addresses.Count}: " +
                $"{string.Join(", ", addresses)}");
    }
}
