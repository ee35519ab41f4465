using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Realtime;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Security;

namespace HumanoidRl.Daemon.Tests.Config;

public sealed class DaemonConfigLoaderTests
{
    [Fact]
    public void Load_reads_the_repository_development_config()
    {
        var config = DaemonConfigLoader.Load(Path.Combine(DaemonConfigText.RepositoryRoot(), "robot-config", "daemon.yaml"));

        Assert.Equal("127.0.0.1", config.ListenAddress);
        Assert.Null(config.Tls);
        Assert.Equal(500, config.LeaseWindowMs);
        Assert.Equal(ControlMode.Damping, config.LeaseLapseMode);
        Assert.Equal(new UniformRange(-0.5, 1.0), config.VelocityLimits.VxMPerS);
        Assert.Equal(DaemonConfigText.RobotConfigPath, config.RobotConfigPath);
        Assert.Equal(Role.Admin, Assert.Single(config.Tokens).Role);
        Assert.Equal(SimSpeed.Realtime, config.SimSpeed);
        // The shipped config pins the loop with cpu_affinity: auto, resolved for the machine that reads it.
        var autoCpu = LoopCpuChoice.ForCurrentThread();
        Assert.Equal(new RealtimeOptions(CpuAffinity: autoCpu, SpinUs: 500, PolicyPrewarmUs: 500, CpuAffinityAuto: true), config.Realtime);
    }

    [Fact]
    public void Load_refuses_the_container_config_template_until_its_token_placeholder_is_replaced()
    {
        var path = Path.Combine(DaemonConfigText.RepositoryRoot(), "robot-config", "daemon.container.yaml");

        var error = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path));

        Assert.Contains(error.Errors,
            e => e.Contains(": tokens[0].sha256: not a SHA-256 hash (expected 64 hex digits", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("damping", ControlMode.Damping)]
    [InlineData("estop", ControlMode.EStop)]
    [InlineData("stand_still", null)]
    public void Load_reads_the_lapse_mode_with_stand_still_as_keeping_the_mode(string lapseMode, ControlMode? expected)
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", DaemonConfigText.Valid(lapseMode: lapseMode));

        var config = DaemonConfigLoader.Load(path);

        Assert.Equal(expected, config.LeaseLapseMode);
    }

    [Fact]
    public void Load_resolves_tls_paths_relative_to_the_config_file()
    {
        using var folder = new TempFolder();
        folder.File("daemon.crt", "x");
        folder.File("daemon.key", "y");
        var path = folder.File("daemon.yaml", DaemonConfigText.Valid(tls: "tls: {cert_file: daemon.crt, key_file: daemon.key}"));

        var tls = DaemonConfigLoader.Load(path).Tls;

        Assert.Equal(Path.Combine(folder.Path, "daemon.crt"), tls?.CertFile);
        Assert.Equal(Path.Combine(folder.Path, "daemon.key"), tls?.KeyFile);
    }

    [Theory]
    [InlineData("role: operator", "role: pilot", ":7: tokens[0].role: unknown role (expected viewer, operator or admin, got 'pilot')")]
    [InlineData("window_ms: 500", "window_ms: 5", ":19: lease.window_ms: out of range (expected 50-60000 ms, got 5)")]
    [InlineData("lapse_mode: damping", "lapse_mode: policy",
        ":20: lease.lapse_mode: unknown lapse mode (expected damping, estop or stand_still, got 'policy')")]
    [InlineData("vx_m_per_s: [-0.5, 1.0]", "vx_m_per_s: [0.2, 1.0]",
        ":22: velocity_command.vx_m_per_s: does not contain 0 (expected [min, max] with min <= 0 <= max, got [0.2, 1])")]
    [InlineData("vy_m_per_s: [-0.3, 0.3]", "vy_m_per_s: [0.3, -0.3]", ":23: velocity_command.vy_m_per_s: min is greater than max")]
    [InlineData("backend: simulator", "backend: gazebo", ":26: backend: unknown backend (expected simulator or hardware, got 'gazebo')")]
    [InlineData("sim_speed: realtime", "sim_speed: fast", ":27: sim_speed: unknown speed (expected realtime or max, got 'fast')")]
    [InlineData("  port: 0", "  port: 70000", ":3: listen.port: out of range (expected a TCP port 0-65535, got 70000)")]
    [InlineData("address: 127.0.0.1", "address: robot.local", ":2: listen.address: not an IP address")]
    public void Load_names_file_line_field_and_expectation_of_a_bad_value(string good, string bad, string expected)
    {
        using var folder = new TempFolder();
        var text = DaemonConfigText.Valid();
        Assert.Contains(good, text, StringComparison.Ordinal);
        var path = folder.File("daemon.yaml", text.Replace(good, bad, StringComparison.Ordinal));

        var error = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path));

        Assert.Contains(path + expected, error.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reads_the_hardware_section_with_its_defaults()
    {
        using var folder = new TempFolder();
        var hardware = DaemonConfigText.Valid().Replace("backend: simulator",
            "backend: hardware\nhardware:\n  port_overrides: {leg_left: /tmp/ttyHRL-leg_left}", StringComparison.Ordinal);
        var tuned = hardware.Replace("  port_overrides:", "  reply_timeout_margin_ms: 20\n  port_overrides:", StringComparison.Ordinal);

        var defaults = DaemonConfigLoader.Load(folder.File("daemon.yaml", hardware)).Hardware;
        var custom = DaemonConfigLoader.Load(folder.File("tuned.yaml", tuned)).Hardware;

        Assert.Equal("/tmp/ttyHRL-leg_left", defaults.PortOverrides["leg_left"]);
        Assert.Equal(HardwareSettings.DefaultReplyTimeoutMarginMs, defaults.ReplyTimeoutMarginMs);
        Assert.Equal(20, custom.ReplyTimeoutMarginMs);
    }

    [Theory]
    [InlineData("backend: hardware\nhardware:\n  reply_timeout_margin_ms: 0",
        "hardware.reply_timeout_margin_ms: out of range " +
        "(expected 1-100 ms added to each reply's wire time before it counts as a timeout, got 0)")]
    [InlineData("backend: hardware\nhardware:\n  port_overrides: /dev/ttyUSB0", "hardware.port_overrides: must be a mapping")]
    [InlineData("backend: simulator\nhardware:\n  reply_timeout_margin_ms: 5", "hardware: only allowed with backend: hardware")]
    [InlineData("backend: hardware\nhardware:\n  reply_margin: 5", "hardware.reply_margin: unknown key")]
    public void Load_names_the_bad_field_of_the_hardware_section(string section, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", DaemonConfigText.Valid().Replace("backend: simulator", section, StringComparison.Ordinal));

        var errors = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path)).Errors;

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_rejects_a_token_given_in_clear_instead_of_its_hash()
    {
        using var folder = new TempFolder();
        var text = DaemonConfigText.Valid().Replace(
            DaemonConfigText.Hash(DaemonConfigText.OperatorToken), DaemonConfigText.OperatorToken, StringComparison.Ordinal);
        var path = folder.File("daemon.yaml", text);

        var error = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path));

        Assert.Contains("tokens[0].sha256: not a SHA-256 hash (expected 64 hex digits",
            Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reports_unknown_keys_missing_keys_and_missing_files_together()
    {
        using var folder = new TempFolder();
        var text = DaemonConfigText.Valid(extra: "polcy: p.onnx")
            .Replace("window_ms: 500", "", StringComparison.Ordinal)
            .Replace(DaemonConfigText.RobotConfigPath, "nowhere.yaml", StringComparison.Ordinal);
        var path = folder.File("daemon.yaml", text);

        var errors = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path)).Errors;

        Assert.Contains(errors, e => e.Contains("lease.window_ms: missing required key", StringComparison.Ordinal));
        Assert.Contains(errors, e =>
            e.Contains("robot_config: file not found", StringComparison.Ordinal) &&
            e.Contains("nowhere.yaml", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(":28: polcy: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_rejects_a_config_without_tokens()
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", """
            listen: {address: 127.0.0.1, port: 0}
            tokens: []
            """);

        var errors = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path)).Errors;

        Assert.Contains(errors, e => e.Contains("tokens: no tokens: nobody could use the daemon", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_reports_malformed_yaml_with_its_line()
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", "listen:\n  address: [127.0.0.1\n");

        var error = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path));

        Assert.Contains("malformed YAML", Assert.Single(error.Errors), StringComparison.Ordinal);
    }
}
