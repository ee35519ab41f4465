using System.CommandLine;

namespace HumanoidRl.Cli.Certs;

/// <summary>
/// `humanoid-rl certs`: a self-signed TLS pair for humanoid-rld in development, and `certs token` to mint an
/// access token together with the hash that goes into the daemon config.
/// </summary>
internal static partial class CertsCommand
{
    private static readonly string[] Roles = ["viewer", "operator", "admin"];

    /// <summary>Names that print as plain YAML scalars in the config entry and read well as a lease holder.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial System.Text.RegularExpressions.Regex TokenHolderName();

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for daemon.crt and daemon.key.",
            DefaultValueFactory = _ => new DirectoryInfo("."),
        };
        var names = new Option<string[]>("--name")
        {
            Description = "Extra host name or IP address the certificate is valid for (repeatable); " +
                          "localhost, 127.0.0.1 and ::1 are always included.",
            AllowMultipleArgumentsPerToken = true,
        };
        names.Validators.Add(result =>
        {
            foreach (var name in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (Uri.CheckHostName(name) is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
                    result.AddError($"--name {name}: not a host name or IP address (expected e.g. robot1.local or 192.168.1.20)");
            }
        });
        var days = new Option<int>("--days")
        {
            Description = "Validity in days.",
            DefaultValueFactory = _ => 365,
        };
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3650) result.AddError("--days must be 1-3650");
        });
        var force = new Option<bool>("--force") { Description = "Replace existing daemon.crt / daemon.key." };
        var command = new Command("certs",
            "Make a self-signed TLS certificate and key (PEM) for humanoid-rld in development; clients pin daemon.crt. " +
            "`certs token` mints an access token.")
        {
            output,
            names,
            days,
            force,
            CreateTokenCommand(),
        };
        command.SetAction(parse => WriteCertificate(
            parse.GetValue(output)!, parse.GetValue(names) ?? [], parse.GetValue(days), parse.GetValue(force)));
        return command;
    }

    private static Command CreateTokenCommand()
    {
        var name = new Option<string>("--name")
        {
            Description = "Who holds the token (shown as the lease holder and in logs).",
            Required = true,
        };
        var role = new Option<string>("--role")
        {
            Description = "viewer (telemetry), operator (control; implies viewer) or admin (policies; implies operator).",
            Required = true,
        };
        role.AcceptOnlyFromAmong(Roles);
        name.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } holder && !TokenHolderName().IsMatch(holder))
                result.AddError($"--name {holder}: expected 1-64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit " +
                                "(it goes into the daemon config and the lease holder)");
        });
        var command = new Command("token",
            "Mint a random access token. Prints the token (give it to the client; it is shown only now) and the entry " +
            "for the daemon config's tokens list, which holds only the token's SHA-256.")
        {
            name,
            role,
        };
        command.SetAction(parse =>
        {
            var token = AccessToken.Mint();
            Console.Out.WriteLine($"token: {token}");
            Console.Out.WriteLine("daemon config entry (under tokens:):");
            Console.Out.WriteLine($"  - name: {parse.GetValue(name)}");
            Console.Out.WriteLine($"    role: {parse.GetValue(role)}");
            Console.Out.WriteLine($"    sha256: {HumanoidRl.Protocol.Security.TokenHash.Hex(token)}");
            return 0;
        });
        return command;
    }

    private static int WriteCertificate(DirectoryInfo folder, string[] names, int days, bool force)
    {
        using var certificate = DevelopmentCertificate.Create(names, days);
        try
        {
            var (certificatePath, keyPath) = DevelopmentCertificate.Write(certificate, folder.FullName, force);
            Console.Out.WriteLine($"certificate: {certificatePath}");
            Console.Out.WriteLine($"private key: {keyPath} (owner read/write only)");
            Console.Out.WriteLine(
                $"valid for: localhost, 127.0.0.1, ::1{string.Concat(names.Select(n => ", " + n))} " +
                $"until {certificate.NotAfter:yyyy-MM-dd}");
            Console.Out.WriteLine("daemon config: tls: {cert_file: " + certificatePath + ", key_file: " + keyPath + "}");
            return 0;
        }
        catch (IOException error)
        {
            Console.Error.WriteLine($"certs: {error.Message}");
            return 1;
        }
    }
}
