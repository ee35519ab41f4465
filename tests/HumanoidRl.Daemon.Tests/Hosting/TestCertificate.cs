using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>Writes a self-signed localhost certificate and key as PEM files, as `humanoid-rl certs` does.</summary>
internal static class TestCertificate
{
    public static (string CertFile, string KeyFile) Write(string folder, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=humanoid-rld-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        var certFile = Path.Combine(folder, "daemon.crt");
        var keyFile = Path.Combine(folder, "daemon.key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile);
    }

    public static (string CertFile, string KeyFile) WriteValid(string folder) =>
        Write(folder, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
}
