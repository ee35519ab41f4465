using System.Runtime.Versioning;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// A robot's virtual buses each served on its own pseudo-terminal (one thread per bus), as a robot has one serial
/// adapter per bus: point each configured bus at its <see cref="VirtualBusServer.PortPath"/> (see <see cref="PortOverrides"/>).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class VirtualRobotServers : IDisposable
{
    private readonly NamedVirtualBusServer[] _servers;

    private VirtualRobotServers(NamedVirtualBusServer[] servers) => _servers = servers;

    /// <summary>Per configured bus, in config order, its server.</summary>
    public IReadOnlyList<NamedVirtualBusServer> Servers => _servers;

    /// <summary>Bus name -> port path, what the hardware backend's port overrides take.</summary>
    public IReadOnlyDictionary<string, string> PortOverrides =>
        _servers.ToDictionary(server => server.BusName, server => server.Server.PortPath);

    /// <summary>
    /// Starts one server per bus; <paramref name="linkPathOf"/> gives the symlink to create for a bus name (null: none).
    /// If one cannot start, those already started are stopped and the error is thrown.
    /// </summary>
    /// <exception cref="IOException">A pseudo-terminal or link could not be created.</exception>
    public static VirtualRobotServers Start(IReadOnlyList<NamedVirtualBus> buses, Func<string, string?>? linkPathOf = null)
    {
        ArgumentNullException.ThrowIfNull(buses);
        List<NamedVirtualBusServer> started = [];
        try
        {
            foreach (var bus in buses)
                started.Add(new NamedVirtualBusServer(bus.BusName, VirtualBusServer.Start(bus.Bus, linkPathOf?.Invoke(bus.BusName))));
            return new VirtualRobotServers([.. started]);
        }
        catch
        {
            foreach (var server in started) server.Server.Dispose();
            throw;
        }
    }

    /// <summary>The first bus thread that stopped early, or null.</summary>
    public NamedVirtualBusServer? FirstFailed => _servers.FirstOrDefault(server => server.Server.Failure is not null);

    public void Dispose()
    {
        foreach (var server in _servers) server.Server.Dispose();
    }
}
