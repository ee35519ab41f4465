using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Robot;

/// <summary>
/// Turns the parsed YAML document into a <see cref="RobotConfig"/>, reporting every problem to the diagnostics.
/// The result is only meaningful when no problem was reported.
/// </summary>
internal sealed class RobotConfigReader(ConfigDiagnostics diagnostics)
{
    /// <summary>Baud rates a Dynamixel Protocol 2.0 servo can be set to.</summary>
    internal static readonly ImmutableArray<long> DynamixelBaudRates =
        [9_600, 57_600, 115_200, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 4_500_000, 6_000_000, 10_500_000];

    internal const long MaxDeviceId = 252;

    /// <summary>Longest soft start accepted: longer blends let a policy wind up against the hold (see SoftStart).</summary>
    internal const double MaxSoftStartS = 2.0;

    private const string AngleExpected = "an angle in rad, > 0 and <= pi";

    /// <summary>safety: the fall thresholds and the soft start, every key required.</summary>
    private static readonly ConfigTable<SafetyLimits> SafetyKeys = new(
        new NumberKey<SafetyLimits>("fall_roll_rad", s => s.FallRollRad, (s, v) => s with { FallRollRad = v },
            AngleExpected, new ConfigBounds(0, System.Math.PI, MinIncluded: false), required: true),
        new NumberKey<SafetyLimits>("fall_pitch_rad", s => s.FallPitchRad, (s, v) => s with { FallPitchRad = v },
            AngleExpected, new ConfigBounds(0, System.Math.PI, MinIncluded: false), required: true),
        new NumberKey<SafetyLimits>("min_base_height_m", s => s.MinBaseHeightM, (s, v) => s with { MinBaseHeightM = v },
            "a positive height in m", ConfigBounds.Positive with { Expected = null }, required: true),
        new NumberKey<SafetyLimits>("soft_start_s", s => s.SoftStartS, (s, v) => s with { SoftStartS = v },
            "seconds in [0, 2] (0: the policy takes over at once)", new ConfigBounds(0, MaxSoftStartS), required: true));

    /// <summary>motors[i]: a servo model's ratings, every key required (model is read apart, as the entry's name).</summary>
    private static readonly ConfigTable<MotorSpec> MotorKeys = new(
        new NumberKey<MotorSpec>("stall_torque_nm", s => s.StallTorqueNm, (s, v) => s with { StallTorqueNm = v },
            "a positive torque in N m", ConfigBounds.Positive with { Expected = null }, required: true),
        new NumberKey<MotorSpec>("no_load_speed_rad_per_s", s => s.NoLoadSpeedRadPerS, (s, v) => s with { NoLoadSpeedRadPerS = v },
            "a positive speed in rad/s", ConfigBounds.Positive with { Expected = null }, required: true),
        new NumberKey<MotorSpec>("torque_constant_nm_per_a", s => s.TorqueConstantNmPerA, (s, v) => s with { TorqueConstantNmPerA = v },
            "output torque per motor current in N m/A", ConfigBounds.Positive with { Expected = null }, required: true));

    public RobotConfig? Read(YamlNode rootNode, string sourcePath, string configDirectory)
    {
        var root = YamlMappingReader.Open(rootNode, "", "a mapping with the keys robot, base, motors, buses, imu, safety, joints",
            diagnostics);
        if (root is null) return null;

        var robot = root.Mapping("robot", "a mapping with name, model_file, loop_period_ns");
        var name = robot?.Text("name", "the robot's name");
        var modelFile = robot?.Text("model_file", "an MJCF file path relative to the config");
        var loopPeriod = robot?.Integer("loop_period_ns", "a positive loop period in nanoseconds");
        if (loopPeriod is { } period) diagnostics.Require(period, period.Value > 0, "must be > 0", "a positive loop period in nanoseconds");
        robot?.RejectUnknownKeys();
        var modelPath = ResolveModel(modelFile, configDirectory);

        var baseNames = ReadBase(root.Mapping("base", "a mapping of the MJCF base body, IMU site and sensor names"));
        var motors = ReadMotors(root.Sequence("motors", "a list of servo models"));
        var buses = ReadBuses(root.Sequence("buses", "a list of motor buses"));
        var imu = ReadImu(root.Mapping("imu", "a mapping with bus, id, axis_map"), buses);
        var safety = ReadSafety(root.Mapping("safety", "a mapping with fall_roll_rad, fall_pitch_rad, min_base_height_m, soft_start_s"));
        var joints = new JointsReader(diagnostics, motors, buses, imu).Read(root.Sequence("joints", "a list of joints in policy order"));
        root.RejectUnknownKeys();

        return new RobotConfig
        {
            SourcePath = sourcePath,
            Name = name?.Value ?? "",
            ModelFile = modelFile?.Value ?? "",
            ModelPath = modelPath,
            LoopPeriodNs = loopPeriod?.Value ?? 0,
            Base = baseNames,
            Motors = motors,
            Buses = buses,
            Imu = imu,
            Safety = safety,
            Joints = joints,
        };
    }

    private string ResolveModel(Located<string>? modelFile, string configDirectory)
    {
        if (modelFile is not { IsPresent: true } file) return "";
        var resolved = Path.GetFullPath(Path.Combine(configDirectory, file.Value));
        if (!File.Exists(resolved))
        {
            diagnostics.Add(file.Line, file.Path, "file not found", "an MJCF file path relative to the config",
                $"'{file.Value}' -> {resolved}");
        }
        return resolved;
    }

    private BaseNames ReadBase(YamlMappingReader? mapping)
    {
        var body = mapping?.Text("body", "the MJCF body of the floating base");
        var freeJoint = mapping?.Text("free_joint", "the MJCF free joint of the base");
        var site = mapping?.Text("imu_site", "the MJCF site of the IMU");
        var gyro = mapping?.Text("gyro_sensor", "the MJCF gyro sensor name");
        var accelerometer = mapping?.Text("accelerometer_sensor", "the MJCF accelerometer sensor name");
        var orientation = mapping?.Text("orientation_sensor", "the MJCF framequat sensor name");
        var touchList = mapping?.Sequence("foot_touch_sensors", "a list of MJCF touch sensor names");
        var touch = ImmutableArray.CreateBuilder<string>();
        if (touchList is not null)
        {
            for (var i = 0; i < touchList.Children.Count; i++)
            {
                var sensor = YamlValueReader.Text(touchList.Children[i], $"{mapping!.PathOf("foot_touch_sensors")}[{i}]",
                    "an MJCF touch sensor name", diagnostics);
                if (sensor.IsPresent) touch.Add(sensor.Value);
            }
        }
        var keyframe = mapping?.Text("stand_keyframe", "the MJCF keyframe of the default pose");
        mapping?.RejectUnknownKeys();
        return new BaseNames(
            body?.Value ?? "", freeJoint?.Value ?? "", site?.Value ?? "", gyro?.Value ?? "", accelerometer?.Value ?? "",
            orientation?.Value ?? "", touch.ToImmutable(), keyframe?.Value ?? "");
    }

    private ImmutableArray<MotorSpec> ReadMotors(YamlSequenceNode? list)
    {
        var motors = ImmutableArray.CreateBuilder<MotorSpec>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            var motor = YamlMappingReader.Open(list.Children[i], $"motors[{i}]",
                "a mapping with model, stall_torque_nm, no_load_speed_rad_per_s, torque_constant_nm_per_a", diagnostics);
            if (motor is null) continue;
            var model = motor.Text("model", "a servo model name such as PH54-200-S500");
            var spec = MotorKeys.Read(motor, new MotorSpec("", 0, 0, 0), diagnostics);
            motor.RejectUnknownKeys();
            if (!model.IsPresent) continue;
            if (seen.TryGetValue(model.Value, out var first))
            {
                diagnostics.Add(model.Line, model.Path, "duplicate motor model", $"a model not already listed in motors[{first}]",
                    $"'{model.Value}'");
                continue;
            }
            seen[model.Value] = i;
            motors.Add(spec with { Model = model.Value });
        }
        return motors.ToImmutable();
    }

    private ImmutableArray<BusConfig> ReadBuses(YamlSequenceNode? list)
    {
        var buses = ImmutableArray.CreateBuilder<BusConfig>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var baudExpected = $"one of the Dynamixel baud rates {string.Join(", ", DynamixelBaudRates)}";
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            var bus = YamlMappingReader.Open(list.Children[i], $"buses[{i}]", "a mapping with name, port, baud", diagnostics);
            if (bus is null) continue;
            var name = bus.Text("name", "a bus name");
            var port = bus.Text("port", "a serial device path such as /dev/ttyUSB0");
            var baud = bus.Integer("baud", baudExpected);
            diagnostics.Require(baud, DynamixelBaudRates.Contains(baud.Value), "unsupported baud rate", baudExpected);
            bus.RejectUnknownKeys();
            if (!name.IsPresent) continue;
            if (seen.TryGetValue(name.Value, out var first))
            {
                diagnostics.Add(name.Line, name.Path, "duplicate bus name", $"a name not already used by buses[{first}]",
                    $"'{name.Value}'");
                continue;
            }
            seen[name.Value] = i;
            buses.Add(new BusConfig(name.Value, port.Value ?? "", (int)baud.Value));
        }
        return buses.ToImmutable();
    }

    private ImuConfig ReadImu(YamlMappingReader? mapping, ImmutableArray<BusConfig> buses)
    {
        var bus = mapping?.Text("bus", "the name of a bus in buses");
        if (bus is { IsPresent: true } busName) RequireBus(diagnostics, busName, buses);
        var id = mapping?.Integer("id", $"a device ID from 0 to {MaxDeviceId}");
        if (id is { } deviceId)
            diagnostics.Require(deviceId, deviceId.Value is >= 0 and <= MaxDeviceId, "out of range",
                $"a device ID from 0 to {MaxDeviceId}");
        var axisList = mapping?.Sequence("axis_map", "three of +x, -x, +y, -y, +z, -z (the IMU axis measuring body x, y, z)");
        mapping?.RejectUnknownKeys();
        return new ImuConfig(bus?.Value ?? "", (int)(id?.Value ?? 0), ReadAxisMap(axisList, mapping?.PathOf("axis_map") ?? "imu.axis_map"));
    }

    private ImmutableArray<ImuAxis> ReadAxisMap(YamlSequenceNode? list, string path)
    {
        const string Expected = "three of +x, -x, +y, -y, +z, -z (the IMU axis measuring body x, y, z), each axis once";
        if (list is null) return [];
        if (list.Children.Count != 3)
        {
            diagnostics.Add(list.Start.Line, path, "must have exactly 3 entries", Expected, $"{list.Children.Count} entries");
            return [];
        }
        var axes = ImmutableArray.CreateBuilder<ImuAxis>(3);
        for (var i = 0; i < 3; i++)
        {
            var entry = YamlValueReader.Text(list.Children[i], $"{path}[{i}]", Expected, diagnostics);
            if (!entry.IsPresent) continue;
            var text = entry.Value;
            var axisIndex = text.Length == 2 ? "xyz".IndexOf(text[1], StringComparison.Ordinal) : -1;
            if (axisIndex < 0 || text[0] is not ('+' or '-'))
            {
                diagnostics.Add(entry.Line, entry.Path, "not a signed axis", Expected, $"'{text}'");
                continue;
            }
            if (axes.Any(axis => axis.SourceAxis == axisIndex))
            {
                diagnostics.Add(entry.Line, entry.Path, "IMU axis used twice", Expected, $"'{text}'");
                continue;
            }
            axes.Add(new ImuAxis(axisIndex, text[0] == '-' ? -1 : 1));
        }
        return axes.Count == 3 ? axes.MoveToImmutable() : [];
    }

    private SafetyLimits ReadSafety(YamlMappingReader? mapping)
    {
        if (mapping is null) return new SafetyLimits(0, 0, 0, 0);
        var safety = SafetyKeys.Read(mapping, new SafetyLimits(0, 0, 0, 0), diagnostics);
        mapping.RejectUnknownKeys();
        return safety;
    }

    internal static void RequireBus(ConfigDiagnostics diagnostics, Located<string> bus, ImmutableArray<BusConfig> buses)
    {
        if (buses.Any(b => b.Name == bus.Value)) return;
        var expected = buses.IsEmpty ? "a bus listed in buses (none is)" : $"one of {string.Join(", ", buses.Select(b => b.Name))}";
        diagnostics.Add(bus.Line, bus.Path, "unknown bus", expected, $"'{bus.Value}'");
    }
}
