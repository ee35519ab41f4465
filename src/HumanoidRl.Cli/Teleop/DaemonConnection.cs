using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;

namespace HumanoidRl.Cli.Teleop;

/// <summary>
/// The options every humanoid-rld client command shares (--server, --token, --ca-cert, --insecure) and the gRPC
/// channel they describe: the token goes as "authorization: Bearer ..." on every call; TLS trusts exactly the
/// pinned daemon.crt when --ca-cert is given.
/// </summary>
internal sealed class DaemonConnection
{
    public Option<string> Server { get; } = new("--server")
    {
        Description = "humanoid-rld address, e.g. https://robot1.local:50051 (http:// only with --insecure on loopback).",
        DefaultValueFactory = _ => "http://127.0.0.1:50051",
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = "Bearer token (humanoid-rl certs token mints one).", Required = true,
    };

    public Option<FileInfo?> CaCert { get; } = new("--ca-cert") { Description = "The daemon's certificate (daemon.crt) to trust for TLS." };

    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "Plaintext gRPC (a daemon started with --insecure-loopback).",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Server);
        command.Options.Add(Token);
        command.Options.Add(CaCert);
        command.Options.Add(Insecure);
    }

    /// <summary>Opens the channel; a scheme that contradicts --insecure is an error naming the option.</summary>
    public GrpcChannel Open(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var text = parse.GetValue(Server)!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var server)
            || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException(
                $"--server {text}: not a daemon address (expected http(s)://host:port, e.g. https://robot1.local:50051)");
        var insecure = parse.GetValue(Insecure);
        if (insecure != (server.Scheme == Uri.UriSchemeHttp))
        {
            throw new ArgumentException(insecure
                ? $"--server {server}: --insecure needs an http:// address"
                : $"--server {server}: plaintext http:// needs --insecure (or use https:// with --ca-cert)");
        }
        return Open(server, parse.GetValue(Token)!, parse.GetValue(CaCert)?.FullName);
    }

    /// <summary>
    /// A failed client command's error line (after "COMMAND: "). A daemon's refusal already says what is wrong; an
    /// unreachable one only says "Unavailable", so that line also names the address and where to look.
    /// </summary>
    public string Describe(Exception error, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(parse);
        if (error is not RpcException rpc) return error.Message;
        var refusal = $"{rpc.StatusCode}: {rpc.Status.Detail}";
        if (rpc.StatusCode != StatusCode.Unavailable) return refusal;
        var server = parse.GetValue(Server);
        var tls = server?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true
            ? parse.GetValue(CaCert) is null
                ? "; a daemon with a self-signed certificate also needs --ca-cert daemon.crt"
                : ", and that --ca-cert is the certificate it serves"
            : "";
        return $"cannot reach humanoid-rld at {server} ({refusal}): check that it is running and listening on that address and port{tls}";
    }

    public static GrpcChannel Open(Uri server, string token, string? caCertPath)
    {
        ArgumentNullException.ThrowIfNull(server);
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (caCertPath is not null)
        {
            if (!File.Exists(caCertPath)) throw new FileNotFoundException($"--ca-cert {caCertPath}: file not found", caCertPath);
            var pinned = X509CertificateLoader.LoadCertificateFromFile(caCertPath);
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                CustomTrustStore = { pinned },
            };
        }
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        var plaintext = server.Scheme == Uri.UriSchemeHttp;
        return GrpcChannel.ForAddress(server, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            Credentials = ChannelCredentials.Create(plaintext ? ChannelCredentials.Insecure : ChannelCredentials.SecureSsl, credentials),
            UnsafeUseInsecureChannelCallCredentials = plaintext,
        });
    }
}
