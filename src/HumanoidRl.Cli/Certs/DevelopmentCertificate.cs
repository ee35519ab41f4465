using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HumanoidRl.Cli.Certs;

/// <summary>
/// A self-signed ECDSA P-256 server certificate for humanoid-rld in development: valid for localhost,
/// 127.0.0.1, ::1 and the given host names or IP addresses. Clients trust it by pinning the certificate file.
/// </summary>
internal static class DevelopmentCertificate
{
    public const string CertificateFileName = "daemon.crt";
    public const string KeyFileName = "daemon.key";

    public static X509Certificate2 Create(IEnumerable<string> extraNames, int validDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validDays);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=humanoid-rld", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in extraNames)
        {
            if (IPAddress.TryParse(name, out var address)) names.AddIpAddress(address);
            else names.AddDnsName(name);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // Backdated a little so a robot whose clock lags the laptop's still accepts it.
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(validDays));
    }

    /// <summary>
    /// Writes daemon.crt (PEM certificate) and daemon.key (PEM PKCS#8 private key, readable by the owner only)
    /// into the folder. Refuses to overwrite existing files unless told to.
    /// </summary>
    public static (string CertificatePath, string KeyPath) Write(X509Certificate2 certificate, string folder, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var certificatePath = Path.Combine(folder, CertificateFileName);
        var keyPath = Path.Combine(folder, KeyFileName);
        if (!overwrite)
        {
            foreach (var path in new[] { certificatePath, keyPath })
            {
                if (File.Exists(path)) throw new IOException($"{path} already exists; pass --force to replace it");
            }
        }
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("the certificate has no ECDSA private key");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
            WriteOwnerOnly(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{folder}: cannot write {CertificateFileName} and {KeyFileName} there ({error.Message})", error);
        }
        return (certificatePath, keyPath);
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }
        // UnixCreateMode applies only to new files; an overwritten key keeps owner-only permissions too.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
