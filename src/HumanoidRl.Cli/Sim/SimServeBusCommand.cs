using System.CommandLine;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using HumanoidRl.Cli.Common;
using HumanoidRl.Core.Robot;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Virtual;

namespace HumanoidRl.Cli.Sim;

/// <summary>
/// `sim serve-bus`: the robot of a config as Dynamixel buses on pseudo-terminals, wired as the config says. Each
/// configured bus gets its own pseudo-terminal (link <c>PREFIX-&lt;bus&gt;</c>) answering for the motors whose servo
/// names that bus (model and ID from the config) and the IMU if it sits there, so the hardware backend reads the
/// buses in parallel as on the robot. One MuJoCo model behind all of them runs in real time from the stand keyframe.
/// </summary>
internal static class SimServeBusCommand
{
    public static Command Create()
    {
        var robot = new Option<string>("--robot") { Description = "Robot config (robot-config/*.yaml).", Required = true };
        var link = new Option<string>("--link")
        {
            Description = "Prefix of the symlinks to create, one per configured bus: PREFIX-<bus name>, " +
                          "e.g. /tmp/ttyHRL gives /tmp/ttyHRL-leg_left.",
            Required = true,
        };
        var drop = new Option<double>("--fault-drop")
        {
            Description = "Probability (0..1) that a reply is dropped (on every bus).",
        }.Probability();
        var corrupt = new Option<double>("--fault-corrupt")
        {
            Description = "Probability (0..1) that a reply has a broken CRC (on every bus).",
        }.Probability();
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the fault draws (bus i draws from SEED + i).", DefaultValueFactory = _ => 1,
        };
        var torqueConstants = new Option<string[]>("--torque-constant")
        {
            Description = "MODEL=NM_PER_A for motor models without a catalog torque constant (repeatable), e.g. PH54-200-S500=2.0.",
        };
        var command = new Command("serve-bus",
            "Serve the simulated robot as Dynamixel Protocol 2.0 buses, one pseudo-terminal per configured bus, until Ctrl-C. " +
            "Prints the --port arguments for `motors check` and the hardware.port_overrides block for the daemon.")
        {
            robot, link, drop, corrupt, seed, torqueConstants,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            using var stop = new StopSignals(cancellation);
            return await RunAsync(
                new ServeBusSettings(
                    parse.GetValue(robot)!, parse.GetValue(link)!, parse.GetValue(drop), parse.GetValue(corrupt), parse.GetValue(seed),
                    parse.GetValue(torqueConstants) ?? []),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, stop.Token).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The link of <paramref name="busName"/> for a --link prefix.</summary>
    internal static string LinkPath(string linkPrefix, string busName) => $"{linkPrefix}-{busName}";

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
            var buses = VirtualRobotBus.CreatePerBus(config, plant);
            try
            {
                for (var index = 0; index < buses.Count; index++)
                {
                    buses[index].Bus.Faults.SetRandomFaults(settings.DropProbability, settings.CorruptProbability, settings.Seed + index);
                }
            }
            catch (ArgumentOutOfRangeException exception)
            {
                error.WriteLine($"sim serve-bus: --fault-drop/--fault-corrupt: {exception.Message}");
                return 2;
            }
            VirtualRobotServers servers;
            try
            {
                servers = VirtualRobotServers.Start(buses, busName => LinkPath(settings.LinkPrefix, busName));
            }
            catch (IOException exception)
            {
                error.WriteLine($"sim serve-bus: --link {settings.LinkPrefix}: {exception.Message}");
                return 2;
            }
            using (servers)
            {
                output.Write(DescribeStart(config, settings, servers));
                output.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: the normal way to stop.
                }
            }
            output.Write(DescribeStop(plant, servers));
            if (servers.FirstFailed is not { } failed) return 0;
            error.WriteLine($"sim serve-bus: the thread of bus {failed.BusName} stopped: {failed.Server.Failure!.Message}");
            return 1;
        }
    }

    [SupportedOSPlatform("linux")]
    private static string DescribeStart(RobotConfig config, ServeBusSettings settings, VirtualRobotServers servers)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant,
            $"serving {config.Name}: {config.JointCount} motors + IMU on {servers.Servers.Count} buses, one MuJoCo model in real time; " +
            $"faults: drop {settings.DropProbability}, corrupt {settings.CorruptProbability}");
        var nameWidth = servers.Servers.Max(server => server.BusName.Length);
        foreach (var (busName, server) in servers.Servers)
        {
            var devices = server.Bus.Devices;
            var motorIds = string.Join(",", devices.OfType<VirtualMotor>().Select(motor => motor.Id));
            var imu = devices.OfType<VirtualOpenCrImu>().Select(device => $" + IMU (ID {device.Id})").FirstOrDefault() ?? "";
            text.AppendLine(invariant,
                $"  {busName.PadRight(nameWidth)}  {server.PortPath} -> {server.DevicePath}  " +
                $"motors {(motorIds.Length == 0 ? "none" : motorIds)}{imu}");
        }
        var ports = string.Join(" ", servers.Servers.Select(server => $"--port {server.BusName}={server.Server.PortPath}"));
        text.AppendLine(invariant, $"motors check: humanoid-rl motors check --config {settings.RobotPath} {ports}");
        text.AppendLine("daemon config (backend: hardware):");
        text.AppendLine("hardware:");
        text.AppendLine("  port_overrides:");
        foreach (var (busName, server) in servers.Servers) text.AppendLine(invariant, $"    {busName}: {server.PortPath}");
        return text.ToString();
    }

    [SupportedOSPlatform("linux")]
    private static string DescribeStop(MuJoCoRobotPlant plant, VirtualRobotServers servers)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        var requests = servers.Servers.Sum(server => server.Server.Bus.RequestsHandled);
        text.AppendLine(invariant,
            $"stopped after {requests} requests, {plant.TimeS:F1} s simulated (the robot hangs still while no motor pushes)");
        foreach (var (busName, server) in servers.Servers)
        {
            var bus = server.Bus;
            text.AppendLine(invariant,
                $"  {busName}: {bus.RequestsHandled} requests, {server.RejectedRequestBytes} rejected bytes; " +
                $"injected {bus.Faults.InjectedDrops} drops, {bus.Faults.InjectedCorruptions} corruptions");
        }
        return text.ToString();
    }
}

/// <param name="LinkPrefix">Bus b is served at LinkPrefix-b.</param>
internal sealed record ServeBusSettings(
    string RobotPath,
    string LinkPrefix,
    double DropProbability,
    double CorruptProbability,
    int Seed,
    IReadOnlyList<string> TorqueConstants);
