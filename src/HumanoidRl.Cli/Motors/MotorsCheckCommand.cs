using System.CommandLine;
using System.Globalization;
using HumanoidRl.Core.Robot;
using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Cli.Motors;

/// <summary>`motors check`: every configured motor answers with the expected model; live joint angles.</summary>
internal static class MotorsCheckCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Robot config (robot-config/*.yaml).", Required = true };
        var portOverride = new Option<string[]>("--port")
        {
            Description = "BUS=DEVICE: use DEVICE for the configured bus BUS (repeatable), " +
                          "e.g. leg_left=/tmp/ttyHRL-leg_left (a `sim serve-bus` link).",
            AllowMultipleArgumentsPerToken = false,
        };
        var margin = MotorOptions.TimeoutMarginMs();
        var command = new Command("check",
            "Ping every motor of a robot config, compare its model number, and print each joint's angle in degrees. " +
            "Exit 1 on any mismatch.")
        {
            config, portOverride, margin,
        };
        command.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(portOverride) ?? [], parse.GetValue(margin),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string configPath, string[] portOverrides, int timeoutMarginMs, TextWriter output, TextWriter error)
    {
        RobotConfig robot;
        Dictionary<string, string> ports;
        try
        {
            robot = RobotConfigLoader.Load(configPath);
            ports = ParseOverrides(portOverrides, robot);
        }
        catch (Exception exception) when (exception is RobotConfigException or IOException or ArgumentException)
        {
            error.WriteLine($"motors check: {exception.Message}");
            return 2;
        }
        var problems = 0;
        foreach (var portGroup in robot.Buses.GroupBy(bus => ports.GetValueOrDefault(bus.Name, bus.Port)))
        {
            var busNames = portGroup.Select(bus => bus.Name).ToHashSet();
            DynamixelBus bus;
            try
            {
                bus = MotorOptions.OpenBus(portGroup.Key, portGroup.First().BaudRate, timeoutMarginMs);
            }
            catch (IOException exception)
            {
                error.WriteLine($"bus {string.Join("+", busNames)}: {exception.Message}");
                problems += robot.Joints.Count(joint => busNames.Contains(joint.Servo.Bus));
                continue;
            }
            using (bus)
            {
                output.WriteLine($"{portGroup.Key} ({string.Join(", ", busNames)}, {portGroup.First().BaudRate} baud)");
                foreach (var joint in robot.Joints.Where(joint => busNames.Contains(joint.Servo.Bus)))
                {
                    var line = CheckJoint(bus, joint, out var ok);
                    (ok ? output : error).WriteLine($"  {joint.Name,-22} {line}");
                    if (!ok) problems++;
                }
                if (busNames.Contains(robot.Imu.Bus))
                {
                    var result = SetupRetries.Ping(bus, (byte)robot.Imu.DeviceId, out var reply);
                    var ok = result.IsOk && reply.ModelNumber == Hardware.Imu.OpenCrImuRegisters.ModelNumber;
                    (ok ? output : error).WriteLine($"  {"imu",-22} ID {robot.Imu.DeviceId,3}  " +
                        (ok ? $"OpenCR ({reply.ModelNumber}) ok"
                            : result.IsOk ? $"MISMATCH: model {reply.ModelNumber}, expected {Hardware.Imu.OpenCrImuRegisters.ModelNumber}"
                            : $"NO ANSWER ({MotorOptions.Describe(result)})"));
                    if (!ok) problems++;
                }
            }
        }
        output.WriteLine(problems == 0 ? "all motors match the config" : $"{problems} problem(s)");
        return problems == 0 ? 0 : 1;
    }

    private static string CheckJoint(DynamixelBus bus, JointConfig joint, out bool ok)
    {
        ok = false;
        var id = (byte)joint.Servo.MotorId;
        var expected = MotorModelCatalog.Get(joint.Motor);
        var result = SetupRetries.Ping(bus, id, out var reply);
        if (!result.IsOk) return $"ID {id,3}  NO ANSWER ({MotorOptions.Describe(result)}), expected {expected.Name}";
        if (reply.ModelNumber != expected.ModelNumber)
        {
            var found = MotorModelCatalog.Find(reply.ModelNumber)?.Name ?? "unknown";
            return $"ID {id,3}  MISMATCH: model {reply.ModelNumber} ({found}), config says {expected.Name} ({expected.ModelNumber})";
        }
        Span<byte> position = stackalloc byte[4];
        var read = SetupRetries.Read(bus, id, expected.ControlTable.PresentPosition.Address, position);
        if (!read.IsOk) return $"ID {id,3}  {expected.Name} fw {reply.Firmware}, position read failed ({MotorOptions.Describe(read)})";
        var counts = BitConverter.ToInt32(position);
        var servoRad = (counts - expected.PositionCenterCounts) * MotorUnits.RadPerCount(expected);
        var jointDeg = joint.Servo.Direction * (servoRad - joint.Servo.ZeroOffsetRad) * 180 / Math.PI;
        ok = true;
        return string.Create(CultureInfo.InvariantCulture,
            $"ID {id,3}  {expected.Name} fw {reply.Firmware}{(result.HardwareAlert ? " HARDWARE ERROR" : "")}  {jointDeg,8:F2} deg");
    }

    private static Dictionary<string, string> ParseOverrides(string[] entries, RobotConfig robot)
    {
        var result = new Dictionary<string, string>();
        foreach (var entry in entries)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || parts[1].Length == 0 || robot.Buses.All(bus => bus.Name != parts[0]))
            {
                throw new ArgumentException(
                    $"--port '{entry}': expected BUS=DEVICE with BUS one of {string.Join(", ", robot.Buses.Select(bus => bus.Name))}");
            }
            result[parts[0]] = parts[1];
        }
        return result;
    }
}
