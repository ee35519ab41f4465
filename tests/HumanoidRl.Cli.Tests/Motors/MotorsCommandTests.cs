using System.Text.Json;
using HumanoidRl.Core.Robot;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Virtual;

namespace HumanoidRl.Cli.Tests.Motors;

/// <summary>The motors commands against the virtual bus served on a real pseudo-terminal.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MotorsCommandTests
{
    [Fact]
    public void Scan_json_prints_exactly_one_object_with_every_device()
    {
        using var server = Serve(
            new VirtualMotor(3, MotorModelCatalog.XM430W350, firmware: 45),
            new VirtualMotor(7, MotorModelCatalog.PH54200S500, firmware: 12));

        var (exitCode, stdout, _) = CliRunner.Run("motors", "scan", "--port", server.PortPath, "--baud", "1000000", "--json");

        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal(server.PortPath, root.GetProperty("port").GetString());
        Assert.Equal(1_000_000, root.GetProperty("baud").GetInt32());
        var devices = root.GetProperty("devices").EnumerateArray()
            .Select(device => (
                device.GetProperty("id").GetInt32(), device.GetProperty("model").GetInt32(), device.GetProperty("firmware").GetInt32()))
            .ToArray();
        Assert.Equal([(3, 1020, 45), (7, 2020, 12), (200, 0x7400, 1)], devices);
    }

    [Fact]
    public void Scan_of_an_empty_bus_exits_1_and_says_why()
    {
        using var server = VirtualBusServer.Start(new VirtualBus([]));

        var (exitCode, stdout, stderr) = CliRunner.Run("motors", "scan", "--port", server.PortPath, "--json");

        Assert.Equal(1, exitCode);
        Assert.Empty(JsonDocument.Parse(stdout).RootElement.GetProperty("devices").EnumerateArray());
        Assert.Contains("nothing answered", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_passes_for_the_configured_robot_and_prints_each_joint_angle_in_degrees()
    {
        var config = RobotConfigLoader.Load(CliRunner.RobotConfigPath);
        using var server = VirtualBusServer.Start(
            VirtualRobotBus.Create(config, new FirstOrderMotorPlant(16, 1.0, 1e-3, 0.05), VirtualPlantClock.PerRequest));

        var (exitCode, stdout, stderr) = CliRunner.Run(
            ["motors", "check", "--config", CliRunner.RobotConfigPath, .. PortsOnto(config, server.PortPath)]);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("all motors match the config", stdout, StringComparison.Ordinal);
        Assert.Matches(@"left_knee\s+ID\s+4\s+PH54-200-S500 fw 46\s+0\.00 deg", stdout);
        Assert.Matches(@"imu\s+ID 200\s+OpenCR", stdout);
    }

    [Fact]
    public void Check_reports_a_missing_and_a_wrong_motor_by_joint_and_exits_1()
    {
        var config = RobotConfigLoader.Load(CliRunner.RobotConfigPath);
        var devices = config.Joints
            .Where(joint => joint.Name != "right_knee")
            .Select(joint => (VirtualDevice)new VirtualMotor(
                (byte)joint.Servo.MotorId, joint.Name == "left_elbow" ? MotorModelCatalog.XM540W270 : MotorModelCatalog.Get(joint.Motor)))
            .Append(new VirtualOpenCrImu());
        using var server = VirtualBusServer.Start(new VirtualBus(devices));

        var (exitCode, _, stderr) = CliRunner.Run(
            ["motors", "check", "--config", CliRunner.RobotConfigPath, .. PortsOnto(config, server.PortPath)]);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"right_knee\s+ID\s+10\s+NO ANSWER \(Timeout\), expected PH54-200-S500", stderr);
        Assert.Matches(@"left_elbow\s+ID\s+14\s+MISMATCH: model 1120 \(XM540-W270\), config says XM430-W350 \(1020\)", stderr);
    }

    [Fact]
    public void Set_id_moves_the_motor_to_the_new_id_and_verifies_it()
    {
        var motor = new VirtualMotor(1, MotorModelCatalog.XM430W350);
        using var server = Serve(motor);

        var (exitCode, stdout, stderr) = CliRunner.Run("motors", "set-id", "--port", server.PortPath, "--id", "1", "--new-id", "42");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(42, motor.Id);
        Assert.Contains("ID 1 -> 42", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_id_refuses_an_id_that_another_device_uses()
    {
        var motor = new VirtualMotor(1, MotorModelCatalog.XM430W350);
        using var server = Serve(motor, new VirtualMotor(2, MotorModelCatalog.XM430W350));

        var (exitCode, _, stderr) = CliRunner.Run("motors", "set-id", "--port", server.PortPath, "--id", "1", "--new-id", "2");

        Assert.Equal(1, exitCode);
        Assert.Equal(1, motor.Id);
        Assert.Contains("ID 2 is already used", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_id_turns_torque_off_first_because_eeprom_is_locked_while_torque_is_on()
    {
        var motor = new VirtualMotor(5, MotorModelCatalog.PH54100S500);
        using var server = Serve(motor);
        motor.Write(MotorModelCatalog.PSeriesTable.TorqueEnable.Address, [1]);

        var (exitCode, _, stderr) = CliRunner.Run("motors", "set-id", "--port", server.PortPath, "--id", "5", "--new-id", "6");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(6, motor.Id);
        Assert.False(motor.TorqueEnabled);
    }

    [Fact]
    public void Set_baud_writes_the_register_code_and_reads_it_back_at_the_new_rate()
    {
        var motor = new VirtualMotor(9, MotorModelCatalog.XM430W350);
        using var server = Serve(motor);

        var (exitCode, stdout, stderr) = CliRunner.Run(
            "motors", "set-baud", "--port", server.PortPath, "--id", "9", "--new-baud", "4000000");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(6, motor.BaudRateCode);
        Assert.Contains("57600 -> 4000000 baud (code 6)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_baud_rejects_a_rate_the_motor_cannot_use_listing_the_supported_ones()
    {
        var (exitCode, _, stderr) = CliRunner.Run("motors", "set-baud", "--port", "/dev/null", "--id", "1", "--new-baud", "250000");

        Assert.Equal(2, exitCode);
        Assert.Contains("250000", stderr, StringComparison.Ordinal);
        Assert.Contains("4000000", stderr, StringComparison.Ordinal);
    }

    private static VirtualBusServer Serve(params VirtualDevice[] devices) =>
        VirtualBusServer.Start(new VirtualBus([.. devices, new VirtualOpenCrImu()]));

    private static string[] PortsOnto(RobotConfig config, string port) =>
        [.. config.Buses.SelectMany(bus => new[] { "--port", $"{bus.Name}={port}" })];
}
