using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HumanoidRl.Daemon.Config;

namespace HumanoidRl.Daemon.Hosting;

/// <summary>
/// Where and how the daemon listens. TLS always, except plaintext on a loopback address when the operator
/// asks for it explicitly (--insecure-loopback): tokens must never cross a network in the clear.
/// </summary>
/// <param name="Certificate">Null for plaintext.</param>
public sealed record ListenEndpoint(IPAddress Address, int Port, X509Certificate2? Certificate)
{
    public static ListenEndpoint Resolve(DaemonConfig config, bool insecureLoopback)
    {
        ArgumentNullException.ThrowIfNull(config);
        var address = config.ListenAddress == "localhost" ? IPAddress.Loopback : IPAddress.Parse(config.ListenAddress);
        if (insecureLoopback)
        {
            if (!IPAddress.IsLoopback(address))
            {
                throw new DaemonStartupException(
                    $"{config.SourcePath}: listen.address is {config.ListenAddress}, but --insecure-loopback serves plaintext and is " +
                    "only allowed on a loopback address (127.0.0.1, ::1 or localhost). Listen on loopback, or drop the flag and " +
                    "configure tls.cert_file and tls.key_file (humanoid-rl certs makes a development pair).");
            }
            return new ListenEndpoint(address, config.Port, null);
        }
        if (config.Tls is not { } tls)
        {
            throw new DaemonStartupException(
                $"{config.SourcePath}: no tls section, and the daemon serves gRPC over TLS only. Make a certificate with " +
                "`humanoid-rl certs --out <folder> --name <robot host name>`, set tls.cert_file and tls.key_file, or, for development " +
                "on this machine only, listen on 127.0.0.1 and pass --insecure-loopback.");
        }
        return new ListenEndpoint(address, config.Port, LoadCertificate(tls));
    }

    /// <summary>
    /// Refuses a listen address this process cannot bind before the loop and the host start: Kestrel's own bind error
    /// only comes after the host's startup log, as a stack trace. A probe socket, bound and closed, never listens.
    /// </summary>
    public void ThrowIfUnavailable(string configPath)
    {
        using var probe = new Socket(Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(Address, Port));
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new DaemonStartupException(
                $"{configPath}: listen {Address}:{Port}: the port is in use by another process (another humanoid-rld? " +
                $"`ss -ltnp 'sport = :{Port}'` names it); stop it or choose another listen.port", error);
        }
        catch (SocketException error)
        {
            throw new DaemonStartupException(
                $"{configPath}: listen {Address}:{Port}: cannot listen there ({error.Message}; expected an address of this machine, " +
                "0.0.0.0 or ::, and a port this user may open: below 1024 needs CAP_NET_BIND_SERVICE)", error);
        }
    }

    private static X509Certificate2 LoadCertificate(TlsFiles tls)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
        }
        catch (CryptographicException error)
        {
            throw new DaemonStartupException(
                $"tls: cannot load the certificate {tls.CertFile} with the key {tls.KeyFile}: {error.Message} " +
                "(expected a PEM certificate and its matching PEM private key)", error);
        }
        var now = DateTime.Now;
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            var validity = FormattableString.Invariant($"{certificate.NotBefore:u} to {certificate.NotAfter:u}");
            certificate.Dispose();
            throw new DaemonStartupException($"tls: the certificate {tls.CertFile} is valid from {validity}, not now; make a new " +
                "one (humanoid-rl certs)");
        }
        return certificate;
    }
}
