using System.Text.Json;
using System.Text.RegularExpressions;
using HumanoidRl.Cli.Sim;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Sensing;
using HumanoidRl.Hardware.Backend;

namespace HumanoidRl.Cli.Tests.Motors;

/// <summary>
/// `sim serve-bus` and `bench serial` end to end: the hardware backend and the motors commands talk to the served simulation.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SimServeBusCommandTests
{
    private static readonly string[] TorqueConstants = ["PH54-200-S500=2.0", "PH54-100-S500=2.0", "PH42-020-S300=1.0", "XH540-W270=2.4"];

    [Fact]
    public async Task Served_simulation_runs_the_hardware_backend_over_one_link_per_bus_and_its_joints_follow_torque_until_cancelled()
    {
        var config = RobotConfigLoader.Load(CliRunner.RobotConfigPath);
        var prefix = Path.Combine(Path.GetTempPath(), $"ttyHRL-test-{Guid.NewGuid():N}");
        using var cancellation = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var serving = Task.Run(() => SimServeBusCommand.RunAsync(
            new ServeBusSettings(CliRunner.RobotConfigPath, prefix, 0, 0, 1, TorqueConstants),
            TextWriter.Synchronized(output), TextWriter.Synchronized(error), cancellation.Token));
        var links = await WaitForLinksAsync(config, prefix, serving, error);

        var options = new HardwareBackendOptions
        {
            PortOverrides = links,
            TorqueConstantsNmPerA = Hardware.Motors.TorqueConstants.Parse(TorqueConstants),
            ReplyTimeoutMarginMs = 300,
        };
        var left = config.IndexOfJoint("left_shoulder_pitch");
        var right = config.IndexOfJoint("right_shoulder_pitch");
        var frame = new SensorFrame(config.JointCount);
        var torque = new double[config.JointCount];
        torque[left] = 5;
        torque[right] = -5;
        using (var backend = new DynamixelHardwareBackend(config, options))
        {
            backend.Configure();
            Assert.True(backend.Read(frame));
            var (leftStart, rightStart) = (frame.JointPositionRad[left], frame.JointPositionRad[right]);
            backend.Activate();
            for (var cycle = 0; cycle < 300; cycle++)
            {
                Assert.True(backend.Write(torque, true));
                Assert.True(backend.Read(frame));
            }
            Assert.True(frame.JointPositionRad[left] > leftStart + 0.05, $"left shoulder {leftStart} -> {frame.JointPositionRad[left]}");
            Assert.True(
                frame.JointPositionRad[right] < rightStart - 0.05, $"right shoulder {rightStart} -> {frame.JointPositionRad[right]}");
        }

        await cancellation.CancelAsync();
        Assert.Equal(0, await serving);
        Assert.All(links.Values, link => Assert.False(File.Exists(link)));
        var printed = output.ToString();
        foreach (var (bus, link) in links)
        {
            Assert.Matches($@"\n  {bus}\s+{Regex.Escape(link)} -> /dev/pts/\d+  motors [\d,]+", printed);
            Assert.Contains($"--port {bus}={link}", printed, StringComparison.Ordinal);
            Assert.Contains($"\n    {bus}: {link}\n", printed.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Matches($@"\n  {bus}: [1-9]\d* requests, 0 rejected bytes; injected 0 drops, 0 corruptions", printed);
        }
        Assert.Contains("hardware:\n  port_overrides:\n", printed.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Motors_check_with_the_printed_port_arguments_finds_every_motor_on_its_own_link()
    {
        var config = RobotConfigLoader.Load(CliRunner.RobotConfigPath);
        var prefix = Path.Combine(Path.GetTempPath(), $"ttyHRL-test-{Guid.NewGuid():N}");
        using var cancellation = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var serving = Task.Run(() => SimServeBusCommand.RunAsync(
            new ServeBusSettings(CliRunner.RobotConfigPath, prefix, 0, 0, 1, TorqueConstants),
            TextWriter.Synchronized(output), TextWriter.Synchronized(error), cancellation.Token));
        await WaitForLinksAsync(config, prefix, serving, error);
        // The links appear before the command prints what to run against them.
        await WaitForOutputAsync(output, "motors check: humanoid-rl ", serving, error);
        var checkLine = output.ToString().Split('\n')
            .Single(line => line.StartsWith("motors check: humanoid-rl ", StringComparison.Ordinal))
            .Trim();
        var arguments = checkLine["motors check: humanoid-rl ".Length..].Split(' ');

        var (exitCode, stdout, stderr) = CliRunner.Run(arguments);

        await cancellation.CancelAsync();
        Assert.Equal(0, await serving);
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("all motors match the config", stdout, StringComparison.Ordinal);
        Assert.Equal(config.Buses.Select(bus => $"--port {bus.Name}={SimServeBusCommand.LinkPath(prefix, bus.Name)}"),
            arguments.Chunk(2).Where(pair => pair[0] == "--port").Select(pair => $"{pair[0]} {pair[1]}"));
    }

    [Fact]
    public async Task Served_buses_with_fault_injection_count_the_faults_in_the_backend_and_end_in_a_backend_fault()
    {
        var config = RobotConfigLoader.Load(CliRunner.RobotConfigPath);
        var prefix = Path.Combine(Path.GetTempPath(), $"ttyHRL-test-{Guid.NewGuid():N}");
        using var cancellation = new CancellationTokenSource();
        using var error = new StringWriter();
        var serving = Task.Run(() => SimServeBusCommand.RunAsync(
            new ServeBusSettings(CliRunner.RobotConfigPath, prefix, 0.05, 0.05, 3, TorqueConstants),
            TextWriter.Null, TextWriter.Synchronized(error), cancellation.Token));
        var links = await WaitForLinksAsync(config, prefix, serving, error);

        using var backend = new DynamixelHardwareBackend(config, new HardwareBackendOptions
        {
            PortOverrides = links,
            TorqueConstantsNmPerA = Hardware.Motors.TorqueConstants.Parse(TorqueConstants),
            ReplyTimeoutMarginMs = 50,
            MaxConsecutiveFailures = 1,
        });
        // Configure retries each exchange; when a device still fails, the error must say which one.
        var configured = false;
        for (var attempt = 0; attempt < 10 && !configured; attempt++)
        {
            try
            {
                backend.Configure();
                configured = true;
            }
            catch (HardwareConfigurationException exception)
            {
                Assert.Matches(@"(joint \w+ \(bus \w+ on .+, ID \d+\))|(IMU \(bus)", exception.Message);
            }
        }
        Assert.True(configured, "Configure never succeeded at 10 % faults in 10 attempts");
        var frame = new SensorFrame(config.JointCount);
        var failed = false;
        for (var cycle = 0; cycle < 1000 && !failed; cycle++) failed = !backend.Read(frame);

        Assert.True(failed);
        Assert.NotNull(backend.DescribeFault());
        var counted = Enumerable.Range(0, config.JointCount)
            .Select(backend.CountersOf)
            .Sum(c => c.Timeouts + c.CrcErrors + c.MalformedReplies);
        Assert.True(counted > 0);

        await cancellation.CancelAsync();
        Assert.Equal(0, await serving);
    }

    [Fact]
    public void A_link_prefix_in_a_missing_folder_is_refused_naming_the_link_and_exit_2()
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "ttyHRL");

        var (exitCode, _, stderr) = CliRunner.Run("sim", "serve-bus", "--robot", CliRunner.RobotConfigPath, "--link", prefix);

        Assert.Equal(2, exitCode);
        Assert.Contains($"cannot create the link '{prefix}-leg_left'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_torque_constant_override_is_refused_with_the_expected_form_and_exit_2()
    {
        var (exitCode, _, stderr) = CliRunner.Run(
            "sim", "serve-bus", "--robot", CliRunner.RobotConfigPath, "--link", Path.Combine(Path.GetTempPath(), "unused-link"),
            "--torque-constant", "PH54-200-S500=fast");

        Assert.Equal(2, exitCode);
        Assert.Contains("expected MODEL=NM_PER_A with a positive number", stderr, StringComparison.Ordinal);
    }

    /// <summary>Waits until serve-bus has created every bus's link; returns bus name -> link.</summary>
    private static async Task<Dictionary<string, string>> WaitForLinksAsync(
        RobotConfig config, string prefix, Task<int> serving, StringWriter error)
    {
        var links = config.Buses.ToDictionary(bus => bus.Name, bus => SimServeBusCommand.LinkPath(prefix, bus.Name));
        for (var wait = 0; wait < 200 && !links.Values.All(File.Exists) && !serving.IsCompleted; wait++) await Task.Delay(50);
        Assert.True(links.Values.All(File.Exists), $"not every bus link after 10 s: {error}");
        return links;
    }

    private static async Task WaitForOutputAsync(StringWriter output, string text, Task<int> serving, StringWriter error)
    {
        for (var wait = 0; wait < 200 && !output.ToString().Contains(text, StringComparison.Ordinal) && !serving.IsCompleted; wait++)
            await Task.Delay(50);
        Assert.True(output.ToString().Contains(text, StringComparison.Ordinal), $"no '{text}' printed after 10 s: {error}");
    }

    [Fact]
    public void Bench_serial_json_reports_zero_allocation_and_the_wire_time_of_the_cycle()
    {
        var (exitCode, stdout, stderr) = CliRunner.Run("bench", "serial", "--motors", "16", "--seconds", "0.5", "--json");

        Assert.True(exitCode == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal(0, root.GetProperty("alloc_bytes_per_cycle").GetDouble());
        Assert.Equal(17, root.GetProperty("good_replies_per_cycle").GetDouble());
        // 324 bytes of Sync Write + Fast Sync Read (reference table: 0.81 ms) plus the 43-byte IMU read.
        Assert.Equal(367, root.GetProperty("bytes_per_cycle").GetInt32());
        Assert.Equal(0.9175, root.GetProperty("wire_ms_at_4mbps").GetDouble(), 1e-3);
        Assert.True(root.GetProperty("cycles_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("software_us_per_cycle").GetDouble() > 0);
    }
}
