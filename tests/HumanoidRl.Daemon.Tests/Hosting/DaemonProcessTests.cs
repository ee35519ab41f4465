using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Grpc.Net.Client;
using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Robot;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>
/// The daemon executable as the Dockerfile's ENTRYPOINT and the systemd unit run it (`dotnet humanoid-rld.dll
/// --config FILE`, TLS from the config): it serves gRPC, and SIGTERM stops it cleanly with exit code 0.
/// </summary>
public sealed partial class DaemonProcessTests
{
    [Fact]
    public async Task The_daemon_executable_serves_tls_from_its_config_and_exits_cleanly_on_sigterm()
    {
        using var daemon = await TlsDaemonProcess.StartAsync();
        using var channel = daemon.Channel(DaemonConfigText.ViewerToken);

        var status = await new V1.Telemetry.TelemetryClient(channel).GetStatusAsync(new V1.GetStatusRequest());
        using (var term = Process.Start("kill", ["-TERM", daemon.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }
        await daemon.Process.WaitForExitAsync().WaitAsync(DaemonClient.Patience);

        Assert.StartsWith("https://127.0.0.1:", daemon.Address, StringComparison.Ordinal);
        Assert.Equal(V1.Mode.Passive, status.Mode);
        Assert.Equal("simulator", status.Backend);
        Assert.True(daemon.Process.ExitCode == 0, $"exit code {daemon.Process.ExitCode}; stderr: {await daemon.Stderr}");
    }

    [Fact]
    public async Task The_daemon_in_the_image_layout_serves_the_shipped_walk_policy_from_the_container_config()
    {
        using var folder = new TempFolder();
        ContainerImageLayout.CopyInto(folder.Path);
        var etc = Directory.CreateDirectory(Path.Combine(folder.Path, "etc", "humanoid-rl")).FullName;
        var (certFile, _) = TestCertificate.WriteValid(etc);
        var template = File.ReadAllText(Path.Combine(DaemonConfigText.RepositoryRoot(), "robot-config", "daemon.container.yaml"));
        var config = ContainerConfigPlaceholder().Replace(template, "sha256: " + DaemonConfigText.Hash(DaemonConfigText.AdminToken))
            .Replace("port: 50051", "port: 0", StringComparison.Ordinal)
            .Replace(" /etc/", " " + folder.Path + "/etc/", StringComparison.Ordinal)
            .Replace(" /opt/", " " + folder.Path + "/opt/", StringComparison.Ordinal);
        var configPath = Path.Combine(etc, "daemon.yaml");
        File.WriteAllText(configPath, config);
        using var daemon = StartDaemon(configPath);
        var stderr = daemon.StandardError.ReadToEndAsync();
        try
        {
            var address = new Uri(await ListeningAddressAsync(daemon.StandardOutput, stderr));
            using var pinned = X509CertificateLoader.LoadCertificateFromFile(certFile);
            using var channel = RunningDaemon.CreateChannel(
                new Uri($"https://127.0.0.1:{address.Port}"), pinned, DaemonConfigText.AdminToken);

            var status = await new V1.Telemetry.TelemetryClient(channel).GetStatusAsync(new V1.GetStatusRequest());
            var policy = await new V1.Policy.PolicyClient(channel).GetPolicyInfoAsync(new V1.GetPolicyInfoRequest());

            Assert.Equal("0.0.0.0", address.Host);
            Assert.Equal("simulator", status.Backend);
            Assert.Equal(Path.Combine(folder.Path, "opt", "humanoid-rl", "models", "humanoid16-walk-pd.onnx"), policy.Path);
            Assert.Equal("pd_target", policy.ActionMode);
        }
        finally
        {
            if (!daemon.HasExited) daemon.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_daemon_whose_port_is_taken_exits_with_a_message_naming_it_before_starting_the_loop()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        using var folder = new TempFolder();
        TestCertificate.WriteValid(folder.Path);
        var configPath = folder.File("daemon.yaml", DaemonConfigText.Valid(tls: "tls: {cert_file: daemon.crt, key_file: daemon.key}")
            .Replace("port: 0", $"port: {port}", StringComparison.Ordinal));
        using var daemon = StartDaemon(configPath);
        try
        {
            var stdout = daemon.StandardOutput.ReadToEndAsync();
            var stderr = await daemon.StandardError.ReadToEndAsync().WaitAsync(DaemonClient.Patience);
            await daemon.WaitForExitAsync().WaitAsync(DaemonClient.Patience);

            Assert.Equal(2, daemon.ExitCode);
            Assert.Equal($"humanoid-rld: {configPath}: listen 127.0.0.1:{port}: the port is in use by another process",
                stderr.Split(" (another")[0]);
            Assert.DoesNotContain("Now listening", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            if (!daemon.HasExited) daemon.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task In_a_fresh_daemon_no_tick_compiles_code_from_passive_through_stand_up_policy_and_the_first_fault()
    {
        // A process of its own: in the test process another test's controller may have compiled the code already.
        using var daemon = await TlsDaemonProcess.StartAsync(leaseWindowMs: 60_000,
            extraConfig: folder => $"policy: {TestPolicies.Write(folder, "nan.onnx", outputBias: float.NaN)}");
        using var channel = daemon.Channel(DaemonConfigText.AdminToken);
        var admin = new DaemonClient(channel);
        var passive = await admin.WaitForStatusAsync(s => s.Loop.Ticks > 250, "250 ticks");

        var lease = await admin.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest());
        await admin.StandUpAsync(lease.LeaseId, thenPolicy: true);
        var faulted = await admin.WaitForStatusAsync(s => s.Mode == V1.Mode.Damping && s.Fault.Length > 0, "the NaN fault");

        Assert.Contains("(not finite)", faulted.Fault, StringComparison.Ordinal);
        Assert.Equal(0, passive.Loop.LoopJitMethods);
        Assert.Equal(0, faulted.Loop.LoopJitMethods);
    }

    /// <summary>`dotnet humanoid-rld.dll --config FILE`, as the Dockerfile's ENTRYPOINT runs it, with its output captured.</summary>
    private static Process StartDaemon(string configPath) =>
        Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "humanoid-rld.dll"), "--config", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    /// <summary>The address ASP.NET Core logs once the listener is bound (port 0 in the config picks a free one).</summary>
    private static async Task<string> ListeningAddressAsync(StreamReader stdout, Task<string> stderr)
    {
        using var timeout = new CancellationTokenSource(DaemonClient.Patience);
        while (await stdout.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningOn().Match(line) is { Success: true } match) return match.Groups[1].Value;
        }
        throw new InvalidOperationException($"the daemon exited without logging 'Now listening on'; stderr: {await stderr}");
    }

    [GeneratedRegex(@"Now listening on: (https://\S+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"sha256: replace-\S+")]
    private static partial Regex ContainerConfigPlaceholder();

    /// <summary>The daemon executable serving TLS from a config in a folder of its own (port 0: a free one).</summary>
    private sealed class TlsDaemonProcess : IDisposable
    {
        private readonly TempFolder _folder;
        private readonly X509Certificate2 _pinned;

        private TlsDaemonProcess(TempFolder folder, X509Certificate2 pinned, Process process)
        {
            _folder = folder;
            _pinned = pinned;
            Process = process;
            Stderr = process.StandardError.ReadToEndAsync();
        }

        public Process Process { get; }

        public Task<string> Stderr { get; }

        public string Address { get; private set; } = "";

        /// <param name="extraConfig">Given the folder, config lines to add (e.g. a policy written there).</param>
        public static async Task<TlsDaemonProcess> StartAsync(long leaseWindowMs = 500, Func<string, string>? extraConfig = null)
        {
            var folder = new TempFolder();
            var (certFile, _) = TestCertificate.WriteValid(folder.Path);
            var config = DaemonConfigText.Valid(tls: "tls: {cert_file: daemon.crt, key_file: daemon.key}",
                leaseWindowMs: leaseWindowMs, extra: extraConfig?.Invoke(folder.Path) ?? "");
            var daemon = new TlsDaemonProcess(folder,
                X509CertificateLoader.LoadCertificateFromFile(certFile), StartDaemon(folder.File("daemon.yaml", config)));
            try
            {
                daemon.Address = await ListeningAddressAsync(daemon.Process.StandardOutput, daemon.Stderr);
                return daemon;
            }
            catch
            {
                daemon.Dispose();
                throw;
            }
        }

        public GrpcChannel Channel(string token) => RunningDaemon.CreateChannel(new Uri(Address), _pinned, token);

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
            _pinned.Dispose();
            _folder.Dispose();
        }
    }
}
