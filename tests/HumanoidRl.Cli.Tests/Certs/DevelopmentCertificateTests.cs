using System.Security.Cryptography.X509Certificates;
using HumanoidRl.Cli.Certs;

namespace HumanoidRl.Cli.Tests.Certs;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DevelopmentCertificateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-certs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_makes_a_pem_pair_that_loads_back_with_the_key_readable_by_the_owner_only()
    {
        using var certificate = DevelopmentCertificate.Create(["robot1.local"], 30);

        var (certificatePath, keyPath) = DevelopmentCertificate.Write(certificate, Path.Combine(_folder, "new"), overwrite: false);

        using var loaded = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
    }

    [Fact]
    public void Write_refuses_to_replace_an_existing_pair_without_force()
    {
        using var certificate = DevelopmentCertificate.Create([], 30);
        DevelopmentCertificate.Write(certificate, _folder, overwrite: false);

        var error = Assert.Throws<IOException>(() => DevelopmentCertificate.Write(certificate, _folder, overwrite: false));

        Assert.Equal($"{Path.Combine(_folder, "daemon.crt")} already exists; pass --force to replace it", error.Message);
    }

    [Fact]
    public void Write_names_a_folder_it_cannot_create()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "");
        var folder = Path.Combine(file, "certs");
        using var certificate = DevelopmentCertificate.Create([], 30);

        var error = Assert.Throws<IOException>(() => DevelopmentCertificate.Write(certificate, folder, overwrite: false));

        Assert.StartsWith($"{folder}: cannot write daemon.crt and daemon.key there (", error.Message, StringComparison.Ordinal);
    }
}
