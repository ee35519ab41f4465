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

    private const string ModelFileExpected = "an MJCF file path relative to the config";

    /// <summary>robot: the robot's name, model file and loop period, every key required.</summary>
    private static readonly ConfigTable<RobotIdentity> RobotKeys = new(
        new TextKey<RobotIdentity>("name", s => s.Name, (s, v) => s with { Name = v }, "the robot's name", required: true),
        new TextKey<RobotIdentity>("model_file", s => s.ModelFile, (s, v) => s with { ModelFile = v }, ModelFileExpected,
            required: true),
        new IntegerKey<RobotIdentity>("loop_period_ns", s => s.LoopPeriodNs, (s, v) => s with { LoopPeriodNs = v },
            "a positive loop period in nanoseconds", ConfigBounds.Positive with { Expected = null }, required: true));

    /// <summary>base: the MJCF names of the floating base and its sensors, every key required.</summary>
    private static readonly ConfigTable<BaseNames> BaseKeys = new(
        new TextKey<BaseNames>("body", s => s.Body, (s, v) => s with { Body = v }, "the MJCF body of the floating base",
            required: true),
        new TextKey<BaseNames>("free_joint", s => s.FreeJoint, (s, v) => s with { FreeJoint = v },
            "the MJCF free joint of the base", required: true),
        new TextKey<BaseNames>("imu_site", s => s.ImuSite, (s, v) => s with { ImuSite = v }, "the MJCF site of the IMU",
            required: true),
        new TextKey<BaseNames>("gyro_sensor", s => s.GyroSensor, (s, v) => s with { GyroSensor = v },
            "the MJCF gyro sensor name", required: true),
        new TextKey<BaseNames>("accelerometer_sensor", s => s.AccelerometerSensor, (s, v) => s with { AccelerometerSensor = v },
            "the MJCF accelerometer sensor name", required: true),
        new TextKey<BaseNames>("orientation_sensor", s => s.OrientationSensor, (s, v) => s with { OrientationSensor = v },
            "the MJCF framequat sensor name", required: true),
        new TextListKey<BaseNames>("foot_touch_sensors", (s, v) => s with { FootTouchSensors = v },
            "a list of MJCF touch sensor names", "an MJCF touch sensor name", required: true),
        new TextKey<BaseNames>("stand_keyframe", s => s.StandKeyframe, (s, v) => s with { StandKeyframe = v },
            "the MJCF keyframe of the default pose", required: true));

    private static readonly BaseNames NoBaseNames = new("", "", "", "", "", "", [], "");

    /// <summary>buses[i]: a motor bus, every key required (that names are unique is checked across entries).</summary>
    private static readonly ConfigTable<BusConfig> BusKeys = new(
        new TextKey<BusConfig>("name", s => s.Name, (s, v) => s with { Name = v }, "a bus name", required: true),
        new TextKey<BusConfig>("port", s => s.Port, (s, v) => s with { Port = v }, "a serial device path such as /dev/ttyUSB0",
            required: true),
        new IntegerSetKey<BusConfig>("baud", s => s.BaudRate, (s, v) => s with { BaudRate = (int)v },
            $"one of the Dynamixel baud rates {string.Join(", ", DynamixelBaudRates)}", DynamixelBaudRates, "unsupported baud rate",
            required: true));

    /// <summary>imu: the IMU's bus and device ID, both required (the bus must be in buses; axis_map is read apart).</summary>
    private static readonly ConfigTable<ImuConfig> ImuKeys = new(
        new TextKey<ImuConfig>("bus", s => s.Bus, (s, v) => s with { Bus = v }, "the name of a bus in buses", required: true),
        new IntegerKey<ImuConfig>("id", s => s.DeviceId, (s, v) => s with { DeviceId = (int)v }, $"a device ID from 0 to {MaxDeviceId}",
            new ConfigBounds(0, MaxDeviceId), required: true));

    public RobotConfig? Read(YamlNode rootNode, string sourcePath, string configDirectory)
    {
        var root = YamlMappingReader.Open(rootNode, "", "a mapping with the keys robot, base, motors, buses, imu, safety, joints",
            diagnostics);
        if (root is null) return null;

        var robotMapping = root.Mapping("robot", "a mapping with name, model_file, loop_period_ns");
        var robot = new RobotIdentity("", "", 0);
        var modelPath = "";
        if (robotMapping is not null)
        {
            robot = RobotKeys.Read(robotMapping, robot, diagnostics);
            robotMapping.RejectUnknownKeys();
            modelPath = ResolveModel(robotMapping, robot.ModelFile, configDirectory);
        }

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
            Name = robot.Name,
            ModelFile = robot.ModelFile,
            ModelPath = modelPath,
            LoopPeriodNs = robot.LoopPeriodNs,
            Base = baseNames,
            Motors = motors,
            Buses = buses,
            Imu = imu,
            Safety = safety,
            Joints = joints,
        };
    }

    /// <summary>The model file's full path, reported when it does not exist; "" when the key was missing or bad.</summary>
    private string ResolveModel(YamlMappingReader robot, string modelFile, string configDirectory)
    {
        if (modelFile.Length == 0) return "";
        var resolved = Path.GetFullPath(Path.Combine(configDirectory, modelFile));
        if (!File.Exists(resolved))
        {
            diagnostics.Add(robot.LineOf("model_file"), robot.PathOf("model_file"), "file not found", ModelFileExpected,
                $"'{modelFile}' -> {resolved}");
        }
        return resolved;
    }

    private BaseNames ReadBase(YamlMappingReader? mapping)
    {
        if (mapping is null) return NoBaseNames;
        var names = BaseKeys.Read(mapping, NoBaseNames, diagnostics);
        mapping.RejectUnknownKeys();
        return names;
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
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            var mapping = YamlMappingReader.Open(list.Children[i], $"buses[{i}]", "a mapping with name, port, baud", diagnostics);
            if (mapping is null) continue;
            var bus = BusKeys.Read(mapping, new BusConfig("", "", 0), diagnostics);
            mapping.RejectUnknownKeys();
            if (bus.Name.Length == 0) continue;
            if (seen.TryGetValue(bus.Name, out var first))
            {
                diagnostics.Add(mapping.LineOf("name"), mapping.PathOf("name"), "duplicate bus name",
                    $"a name not already used by buses[{first}]", $"'{bus.Name}'");
                continue;
            }
            seen[bus.Name] = i;
            buses.Add(bus);
        }
        return buses.ToImmutable();
    }

    private ImuConfig ReadImu(YamlMappingReader? mapping, ImmutableArray<BusConfig> buses)
    {
        var imu = new ImuConfig("", 0, []);
        if (mapping is null) return imu;
        // The bus is checked against buses before id is read, so the problems come in file order.
        imu = ImuKeys["bus"].Read(mapping, imu, diagnostics);
        if (imu.Bus.Length > 0)
            RequireBus(diagnostics, new Located<string>(imu.Bus, mapping.LineOf("bus"), mapping.PathOf("bus"), true), buses);
        imu = ImuKeys["id"].Read(mapping, imu, diagnostics);
        var axisList = mapping.Sequence("axis_map", "three of +x, -x, +y, -y, +z, -z (the IMU axis measuring body x, y, z)");
        mapping.RejectUnknownKeys();
        return imu with { AxisMap = ReadAxisMap(axisList, mapping.PathOf("axis_map")) };
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
