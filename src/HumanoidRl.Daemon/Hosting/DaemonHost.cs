using Grpc.Health.V1;
using Grpc.HealthCheck;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Lease;
using HumanoidRl.Daemon.Robot;
using HumanoidRl.Daemon.Security;
using HumanoidRl.Daemon.Services;
using HumanoidRl.Daemon.Streaming;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HumanoidRl.Daemon.Hosting;

/// <summary>Builds the daemon's ASP.NET Core host: Kestrel (HTTP/2, TLS), gRPC services, auth, health, reflection, systemd.</summary>
public static class DaemonHost
{
    public static WebApplication Build(DaemonConfig config, ListenEndpoint endpoint, DaemonRobot robot)
    {
        ArgumentNullException.ThrowIfNull(robot);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(endpoint);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseSystemd();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint.Address, endpoint.Port, listen =>
        {
            // gRPC is HTTP/2 only; plaintext HTTP/2 needs prior knowledge, which gRPC clients use.
            listen.Protocols = HttpProtocols.Http2;
            if (endpoint.Certificate is { } certificate) listen.UseHttps(certificate);
        }));

        var services = builder.Services;
        services.AddSingleton(config);
        services.AddSingleton(new TokenAuthenticator(config.Tokens));
        services.AddGrpc(options => options.Interceptors.Add<AuthorizationInterceptor>());
        services.AddGrpcReflection();
        services.AddSingleton<HealthServiceImpl>();
        services.AddSingleton(robot);
        services.AddSingleton(robot.Controller);
        services.AddSingleton<DaemonEvents>();
        services.AddSingleton(provider => new OperatorLease(
            TimeProvider.System,
            TimeSpan.FromMilliseconds(config.LeaseWindowMs),
            new LeaseConsequences(robot.Controller, provider.GetRequiredService<DaemonEvents>(), config.LeaseLapseMode)));
        // Hosted services start in this order and stop in reverse: the loop runs before clients are served,
        // and on shutdown the pump drains the last events (Damping, torque off) after the loop has stopped.
        services.AddSingleton<TelemetryPump>();
        services.AddHostedService(provider => provider.GetRequiredService<TelemetryPump>());
        services.AddHostedService<ControllerLifetime>();
        services.AddHostedService<LeaseWatchdog>();

        var app = builder.Build();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcReflectionService();
        app.MapGrpcService<ControlService>();
        app.MapGrpcService<TelemetryService>();
        app.MapGrpcService<PolicyService>();
        var health = app.Services.GetRequiredService<HealthServiceImpl>();
        app.Lifetime.ApplicationStarted.Register(() => health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving));
        app.Lifetime.ApplicationStopping.Register(() => health.SetStatus("", HealthCheckResponse.Types.ServingStatus.NotServing));
        return app;
    }
}
