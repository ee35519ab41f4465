using System.CommandLine;
using System.Globalization;
using HumanoidRl.Core.Robot;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.VirtualBus;

namespace HumanoidRl.Cli.Sim;

/// <summary>
/// `sim serve-bus`: the robot of a config as a Dynamixel bus on a pseudo-terminal. Every joint's motor (its
/// model and ID from the config) and the IMU answer on one bus; goal currents drive MuJoCo in real time from
/// the stand keyframe. Point every configured bus at the link to run the hardware backend or `motors check`.
/// </summary>
internal static class SimServeBusCommand
{
    public static Command Create()
    {
        var robot = new Option<string>("--robot") { Description = "Robot config (robot-config/*.yaml).", Required = true };
        var link = new Option<string>("--link") { Description = "Symlink to create for the pseudo-terminal, e.g. /tmp/ttyHRL0.", Required = true };
        var drop = new Option<double>("--fault-drop") { Description = "Probability (0..1) that a reply is dropped." };
        var corrupt = new Option<double>("--fault-corrupt") { Description = "Probability (0..1) that a reply has a broken CRC." };
        var seed = new Option<int>("--seed") { Description = "Seed of the fault draws.", DefaultValueFactory = _ => 1 };
        var torqueConstants = new Option<string[]>("--torque-constant")
        {
            Description = "MODEL=NM_PER_A for motor models without a catalog torque constant (repeatable), e.g. PH54-200-S500=2.0.",
        };
        var command = new Command("serve-bus", "Serve the simulated robot as a Dynamixel Protocol 2.0 bus on a pseudo-terminal until Ctrl-C.")
        {
            robot, link, drop, corrupt, seed, torqueConstants,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new ServeBusSettings(parse.GetValue(robot)!, parse.GetValue(link)!, parse.GetValue(drop), parse.GetValue(corrupt), parse.GetValue(seed), parse.GetValue(torqueConstants) ?? []),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(ServeBusSettings settings, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        if (!OperatingSystem.IsLinux())
        {
            error.WriteLine("sim serve-bus: needs Linux (pseudo-terminals)");
            return 2;
        }
        RobotConfig config;
        MuJoCoRobotPlant plant;
        try
        {
            config = RobotConfigLoader.Load(settings.RobotPath);
            plant = new MuJoCoRobotPlant(config, TorqueConstants.Parse(settings.TorqueConstants));
        }
        catch (Exception exception) when (exception is RobotConfigException or IOException or ArgumentException or InvalidDataException)
        {
            error.WriteLine($"sim serve-bus: {exception.Message}");
            return 2;
        }
        using (plant)
        {
            var bus = VirtualRobotBus.Create(config, plant);
            try
            {
                bus.Faults.SetRandomFaults(settings.DropProbability, settings.CorruptProbability, settings.Seed);
            }
            catch (ArgumentOutOfRangeException exception)
            {
                error.WriteLine($"sim serve-bus: --fault-drop/--fault-corrupt: {exception.Message}");
                return 2;
            }
            VirtualBusServer server;
            try
            {
                server = VirtualBusServer.Start(bus, settings.LinkPath);
            }
            catch (IOException exception)
            {
                error.WriteLine($"sim serve-bus: {exception.Message}");
                return 2;
            }
            using (server)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"serving {config.Name}: {config.JointCount} motors (IDs {string.Join(",", config.Joints.Select(joint => joint.Servo.MotorId))}) " +
                    $"+ IMU (ID {config.Imu.DeviceId}) on {server.PortPath} -> {server.DevicePath}; faults: drop {settings.DropProbability}, corrupt {settings.CorruptProbability}"));
                var portPath = server.PortPath;
                output.WriteLine($"point every bus at it, e.g. humanoid-rl motors check --config {settings.RobotPath} {string.Join(" ", config.Buses.Select(b => $"--port {b.Name}={portPath}"))}");
                output.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: the normal way to stop.
                }
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"stopped after {bus.RequestsHandled} requests, {plant.TimeS:F1} s simulated; injected {bus.Faults.InjectedDrops} drops, {bus.Faults.InjectedCorruptions} corruptions"));
                return server.Failure is null ? 0 : Fail(error, server.Failure);
            }
        }
    }

    private static int Fail(TextWriter error, Exception failure)
    {
        error.WriteLine($"sim serve-bus: the bus thread stopped: {failure.Message}");
        return 1;
    }
}

internal sealed record ServeBusSettings(string RobotPath, string LinkPath, double DropProbability, double CorruptProbability, int Seed, IReadOnlyList<string> TorqueConstants);
