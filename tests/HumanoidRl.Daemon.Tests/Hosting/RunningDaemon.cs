using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;
using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Services;
using Microsoft.AspNetCore.Builder;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>The real daemon host listening on a free loopback port, with gRPC channels to it over real sockets.</summary>
internal sealed class RunningDaemon : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly WebApplication _app;
    private readonly X509Certificate2? _pinned;
    private readonly List<GrpcChannel> _channels = [];

    private RunningDaemon(TempFolder folder, WebApplication app, X509Certificate2? pinned, RecordingRobotCommands robot)
    {
        Robot = robot;
        _folder = folder;
        _app = app;
        _pinned = pinned;
    }

    public Uri Address => BoundAddress.Of(_app);

    public RecordingRobotCommands Robot { get; }

    /// <summary>Starts plaintext on 127.0.0.1 (--insecure-loopback) or, with tls, on a generated certificate.</summary>
    public static async Task<RunningDaemon> StartAsync(bool tls = false, long leaseWindowMs = 500)
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
            var config = DaemonConfigLoader.Load(folder.File("daemon.yaml", DaemonConfigText.Valid(tls: tlsSection, leaseWindowMs: leaseWindowMs)));
            var robot = new RecordingRobotCommands();
            var app = DaemonHost.Build(config, ListenEndpoint.Resolve(config, insecureLoopback: !tls), robot);
            await app.StartAsync();
            return new RunningDaemon(folder, app, pinned, robot);
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
        var handler = new SocketsHttpHandler();
        if (_pinned is { } pinned)
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
            options.Credentials = _pinned is null
                ? ChannelCredentials.Create(ChannelCredentials.Insecure, credentials)
                : ChannelCredentials.Create(ChannelCredentials.SecureSsl, credentials);
            options.UnsafeUseInsecureChannelCallCredentials = _pinned is null;
        }
        var channel = GrpcChannel.ForAddress(Address, options);
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _pinned?.Dispose();
        _folder.Dispose();
    }
}
