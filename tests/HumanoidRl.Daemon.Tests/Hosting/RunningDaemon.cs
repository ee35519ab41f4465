using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;
using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Robot;
using HumanoidRl.Daemon.Streaming;
using Microsoft.Extensions.DependencyInjection;
using HumanoidRl.Daemon.Tests.Robot;
using HumanoidRl.Sim.Backend;
using Microsoft.AspNetCore.Builder;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>
/// The real daemon host (real controller on the MuJoCo simulator backend) listening on a free loopback port,
/// with gRPC channels to it over real sockets.
/// </summary>
internal sealed class RunningDaemon : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly WebApplication _app;
    private readonly X509Certificate2? _pinned;
    private readonly List<GrpcChannel> _channels = [];

    private RunningDaemon(TempFolder folder, WebApplication app, X509Certificate2? pinned,
        DaemonRobot robot, FaultyBackend backend, SimulatorBackend simulator)
    {
        Robot = robot;
        Backend = backend;
        Simulator = simulator;
        _folder = folder;
        _app = app;
        _pinned = pinned;
    }

    public Uri Address => BoundAddress.Of(_app);

    public DaemonRobot Robot { get; }

    /// <summary>The simulator backend under the controller, with reads that can be made to fail.</summary>
    public FaultyBackend Backend { get; }

    /// <summary>The simulator inside <see cref="Backend"/>: where the robot really is (base position, simulated time).</summary>
    public SimulatorBackend Simulator { get; }

    /// <summary>Cancelled when the host begins to stop (by itself or by <see cref="StopAsync"/>).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>StreamState subscribers the daemon is serving now.</summary>
    public int Subscribers => _app.Services.GetRequiredService<TelemetryPump>().States.SubscriberCount;

    /// <summary>Folder for the test's files (policies); deleted with the daemon.</summary>
    public string FolderPath => _folder.Path;

    /// <summary>Starts plaintext on 127.0.0.1 (--insecure-loopback) or, with tls, on a generated certificate.</summary>
    /// <param name="tls">Serve TLS with a generated certificate.</param>
    /// <param name="leaseWindowMs">lease.window_ms.</param>
    /// <param name="simSpeed">"max" (free run) where timing does not matter, "realtime" where rates are measured or the robot
    /// must stand up (free run lets it fall over in Passive while the test is still setting up).</param>
    /// <param name="extra">More top-level config text (e.g. a realtime section).</param>
    /// <param name="lapseMode">lease.lapse_mode.</param>
    /// <param name="policyPath">The policy: key (loaded at start); none when null.</param>
    public static async Task<RunningDaemon> StartAsync(
        bool tls = false, long leaseWindowMs = 500, string simSpeed = "max", string extra = "",
        string lapseMode = "damping", string? policyPath = null)
    {
        var folder = new TempFolder();
        try
        {
            X509Certificate2? pinned = null;
            var tlsSection = "";
            if (tls)
            {
                var (certFile, _) = TestCertificate.WriteValid(folder.Path);
                pinned = X509CertificateLoader.LoadCertificateFromFile(certFile);
                tlsSection = "tls: {cert_file: daemon.crt, key_file: daemon.key}";
            }
            var topLevel = policyPath is null ? extra : $"policy: {policyPath}\n{extra}";
            var text = DaemonConfigText.Valid(
                tls: tlsSection, leaseWindowMs: leaseWindowMs, extra: topLevel, simSpeed: simSpeed, lapseMode: lapseMode);
            var config = DaemonConfigLoader.Load(folder.File("daemon.yaml", text));
            SimulatorBackend? simulator = null;
            FaultyBackend? backend = null;
            var robot = DaemonRobot.Create(config,
                robotConfig => backend = new FaultyBackend(simulator = new SimulatorBackend(robotConfig)));
            var app = DaemonHost.Build(config, ListenEndpoint.Resolve(config, insecureLoopback: !tls), robot);
            await app.StartAsync();
            return new RunningDaemon(folder, app, pinned, robot, backend!, simulator!);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>A channel that sends the token (if any) as "authorization: Bearer ..." on every call.</summary>
    public GrpcChannel Channel(string? token = null)
    {
        var channel = CreateChannel(Address, _pinned, token);
        _channels.Add(channel);
        return channel;
    }

    /// <summary>
    /// A channel to <paramref name="address"/> that trusts exactly <paramref name="pinned"/> (plaintext when null)
    /// and sends the token, if any.
    /// </summary>
    public static GrpcChannel CreateChannel(Uri address, X509Certificate2? pinned, string? token)
    {
        var handler = new SocketsHttpHandler();
        if (pinned is not null)
        {
            // Trust exactly the daemon's self-signed certificate, as a client with the pinned daemon.crt does.
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                CustomTrustStore = { pinned },
            };
        }
        var options = new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true };
        if (token is not null)
        {
            var credentials = CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", $"Bearer {token}");
                return Task.CompletedTask;
            });
            options.Credentials = pinned is null
                ? ChannelCredentials.Create(ChannelCredentials.Insecure, credentials)
                : ChannelCredentials.Create(ChannelCredentials.SecureSsl, credentials);
            options.UnsafeUseInsecureChannelCallCredentials = pinned is null;
        }
        return GrpcChannel.ForAddress(address, options);
    }

    /// <summary>Stops the host as SIGTERM would (idempotent).</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
        Robot.Dispose();
        _pinned?.Dispose();
        _folder.Dispose();
    }
}
