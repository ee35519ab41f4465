using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Robot;

/// <summary>Reads the joints list and checks each joint against the motors, buses and the other joints.</summary>
internal sealed class JointsReader(
    ConfigDiagnostics diagnostics, ImmutableArray<MotorSpec> motors, ImmutableArray<BusConfig> buses, ImuConfig imu)
{
    private const string JointExpected =
        "a mapping with name, mjcf_joint, motor, position_limits_rad, torque_limit_nm, velocity_limit_rad_per_s, " +
        "default_angle_rad, stand_gains, pd_action_gains, servo";

    private const string GainsExpected = "a mapping with kp_nm_per_rad, kd_nm_s_per_rad";

    /// <summary>stand_gains and pd_action_gains: a PD pair, both required.</summary>
    private static readonly ConfigTable<PdGains> GainKeys = new(
        new NumberKey<PdGains>("kp_nm_per_rad", s => s.KpNmPerRad, (s, v) => s with { KpNmPerRad = v },
            "a stiffness >= 0 in N m/rad", ConfigBounds.AtLeast(0) with { Problem = "must be >= 0" }, required: true),
        new NumberKey<PdGains>("kd_nm_s_per_rad", s => s.KdNmSPerRad, (s, v) => s with { KdNmSPerRad = v },
            "a damping >= 0 in N m s/rad", ConfigBounds.AtLeast(0) with { Problem = "must be >= 0" }, required: true));

    /// <summary>servo: where the joint's servo sits and its calibration, every key required.</summary>
    private static readonly ConfigTable<ServoEntry> ServoKeys = new(
        new TextKey<ServoEntry>("bus", s => s.Bus ?? "", (s, v) => s with { Bus = v }, "the name of a bus in buses", required: true),
        new IntegerKey<ServoEntry>("id", s => s.MotorId ?? 0, (s, v) => s with { MotorId = v },
            $"a motor ID from 0 to {RobotConfigReader.MaxDeviceId}", new ConfigBounds(0, RobotConfigReader.MaxDeviceId), required: true),
        new IntegerSetKey<ServoEntry>("direction", s => s.Direction ?? 0, (s, v) => s with { Direction = v }, "+1 or -1", [1, -1],
            "must be +1 or -1", required: true),
        new NumberKey<ServoEntry>("zero_offset_rad", s => s.ZeroOffsetRad ?? 0, (s, v) => s with { ZeroOffsetRad = v },
            "a calibration offset in rad within [-pi, pi]", new ConfigBounds(-System.Math.PI, System.Math.PI), required: true));

    /// <summary>joints[i]: the joint's scalar keys, every one required; per reader, since the motor help lists the motors.</summary>
    private readonly ConfigTable<JointEntry> _jointKeys = new(
        new TextKey<JointEntry>("name", s => s.Name ?? "", (s, v) => s with { Name = v }, "a joint name", required: true),
        new TextKey<JointEntry>("mjcf_joint", s => s.MjcfJoint ?? "", (s, v) => s with { MjcfJoint = v },
            "the name of a hinge joint in the MJCF model", required: true),
        new TextKey<JointEntry>("motor", s => s.Motor ?? "", (s, v) => s with { Motor = v },
            $"one of the models in motors ({string.Join(", ", motors.Select(m => m.Model))})", required: true),
        new NumberKey<JointEntry>("torque_limit_nm", s => s.TorqueLimitNm ?? 0, (s, v) => s with { TorqueLimitNm = v },
            "a positive number in N m", ConfigBounds.Positive with { Expected = null }, required: true),
        new NumberKey<JointEntry>("velocity_limit_rad_per_s", s => s.VelocityLimitRadPerS ?? 0,
            (s, v) => s with { VelocityLimitRadPerS = v }, "a positive number in rad/s", ConfigBounds.Positive with { Expected = null },
            required: true),
        new NumberKey<JointEntry>("default_angle_rad", s => s.DefaultAngleRad ?? 0, (s, v) => s with { DefaultAngleRad = v },
            "an angle in rad within position_limits_rad", required: true));

    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _mjcfJoints = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Bus, long Id), string> _deviceIds = [];

    public ImmutableArray<JointConfig> Read(YamlSequenceNode? list)
    {
        if (list is null) return [];
        if (list.Children.Count == 0)
        {
            diagnostics.Add(list.Start.Line, "joints", "must list at least one joint", "joints in policy order");
            return [];
        }
        if (imu.Bus.Length > 0) _deviceIds[(imu.Bus, imu.DeviceId)] = "imu";

        var joints = ImmutableArray.CreateBuilder<JointConfig>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var mapping = YamlMappingReader.Open(list.Children[i], $"joints[{i}]", JointExpected, diagnostics);
            if (mapping is not null) joints.Add(ReadJoint(mapping, i));
        }
        return joints.ToImmutable();
    }

    /// <summary>
    /// Reads the joint key by key in file order, each rule across keys checked right after the key it is about,
    /// so the problems come in the order of the keys.
    /// </summary>
    private JointConfig ReadJoint(YamlMappingReader joint, int index)
    {
        var entry = ReadKey(joint, "name", JointEntry.Unread);
        if (entry.Name is { } name) RequireUnique(At(joint, "name", name), _names, index, "duplicate joint name");
        entry = ReadKey(joint, "mjcf_joint", entry);
        if (entry.MjcfJoint is { } mjcfJoint)
            RequireUnique(At(joint, "mjcf_joint", mjcfJoint), _mjcfJoints, index, "MJCF joint used by two joints");

        entry = ReadKey(joint, "motor", entry);
        var motor = entry.Motor is { } motorName ? motors.FirstOrDefault(m => m.Model == motorName) : null;
        if (entry.Motor is not null && motor is null)
        {
            diagnostics.Add(joint.LineOf("motor"), joint.PathOf("motor"), "unknown motor model",
                $"one of {string.Join(", ", motors.Select(m => m.Model))}", $"'{entry.Motor}'");
        }

        var (lower, upper) = ReadLimits(joint);

        entry = ReadKey(joint, "torque_limit_nm", entry);
        if (motor is not null && entry.TorqueLimitNm is { } torque && torque > 0)
        {
            diagnostics.Require(At(joint, "torque_limit_nm", torque), torque <= motor.StallTorqueNm, "exceeds the motor's stall torque",
                $"at most {ConfigDiagnostics.Describe(motor.StallTorqueNm)} N m for {motor.Model}");
        }

        entry = ReadKey(joint, "velocity_limit_rad_per_s", entry);
        if (motor is not null && entry.VelocityLimitRadPerS is { } velocity && velocity > 0)
        {
            diagnostics.Require(At(joint, "velocity_limit_rad_per_s", velocity), velocity <= motor.NoLoadSpeedRadPerS,
                "exceeds the motor's no-load speed",
                $"at most {ConfigDiagnostics.Describe(motor.NoLoadSpeedRadPerS)} rad/s for {motor.Model}");
        }

        entry = ReadKey(joint, "default_angle_rad", entry);
        if (lower.IsPresent && upper.IsPresent && lower.Value < upper.Value && entry.DefaultAngleRad is { } angle)
        {
            diagnostics.Require(At(joint, "default_angle_rad", angle), angle >= lower.Value && angle <= upper.Value,
                "outside the position limits",
                $"an angle in [{ConfigDiagnostics.Describe(lower.Value)}, {ConfigDiagnostics.Describe(upper.Value)}] rad");
        }

        var standGains = ReadGains(joint.Mapping("stand_gains", GainsExpected));
        var actionGains = ReadGains(joint.Mapping("pd_action_gains", GainsExpected));
        var servo = ReadServo(joint.Mapping("servo", "a mapping with bus, id, direction, zero_offset_rad"),
            entry.Name ?? $"joints[{index}]");
        joint.RejectUnknownKeys();

        return new JointConfig(
            entry.Name ?? "", entry.MjcfJoint ?? "", entry.Motor ?? "", lower.Value, upper.Value, entry.TorqueLimitNm ?? 0,
            entry.VelocityLimitRadPerS ?? 0, entry.DefaultAngleRad ?? 0, standGains, actionGains, servo);
    }

    private JointEntry ReadKey(YamlMappingReader joint, string key, JointEntry entry) => _jointKeys[key].Read(joint, entry, diagnostics);

    /// <summary>A value read from the key, located for a rule across keys.</summary>
    private static Located<T> At<T>(YamlMappingReader mapping, string key, T value) =>
        new(value, mapping.LineOf(key), mapping.PathOf(key), true);

    private (Located<double> Lower, Located<double> Upper) ReadLimits(YamlMappingReader joint)
    {
        const string Expected = "[lower, upper] in rad with lower < upper";
        var path = joint.PathOf("position_limits_rad");
        var list = joint.Sequence("position_limits_rad", Expected);
        if (list is null) return (Located<double>.Absent(joint.Line, path), Located<double>.Absent(joint.Line, path));
        if (list.Children.Count != 2)
        {
            diagnostics.Add(list.Start.Line, path, "must have exactly 2 entries", Expected, $"{list.Children.Count} entries");
            return (Located<double>.Absent(list.Start.Line, path), Located<double>.Absent(list.Start.Line, path));
        }
        var lower = YamlValueReader.Number(list.Children[0], $"{path}[0]", Expected, diagnostics);
        var upper = YamlValueReader.Number(list.Children[1], $"{path}[1]", Expected, diagnostics);
        if (lower.IsPresent && upper.IsPresent && lower.Value >= upper.Value)
        {
            diagnostics.Add(list.Start.Line, path, "lower limit is not below the upper limit", Expected,
                $"[{ConfigDiagnostics.Describe(lower.Value)}, {ConfigDiagnostics.Describe(upper.Value)}]");
        }
        return (lower, upper);
    }

    private PdGains ReadGains(YamlMappingReader? mapping)
    {
        if (mapping is null) return new PdGains(0, 0);
        var gains = GainKeys.Read(mapping, new PdGains(0, 0), diagnostics);
        mapping.RejectUnknownKeys();
        return gains;
    }

    /// <summary>Reads the servo key by key, checking the bus and the ID's uniqueness on it right after each is read.</summary>
    private ServoWiring ReadServo(YamlMappingReader? mapping, string jointName)
    {
        if (mapping is null) return ServoEntry.Unread.ToWiring();
        var servo = ServoKeys["bus"].Read(mapping, ServoEntry.Unread, diagnostics);
        if (servo.Bus is { } bus) RobotConfigReader.RequireBus(diagnostics, At(mapping, "bus", bus), buses);

        servo = ServoKeys["id"].Read(mapping, servo, diagnostics);
        if (servo is { Bus: { } wiredBus, MotorId: { } id })
        {
            if (_deviceIds.TryGetValue((wiredBus, id), out var owner))
            {
                diagnostics.Add(mapping.LineOf("id"), mapping.PathOf("id"), "ID already used on this bus",
                    $"an ID on bus {wiredBus} not used by {owner}", ConfigDiagnostics.Describe(id));
            }
            else
            {
                _deviceIds[(wiredBus, id)] = jointName;
            }
        }

        servo = ServoKeys["direction"].Read(mapping, servo, diagnostics);
        servo = ServoKeys["zero_offset_rad"].Read(mapping, servo, diagnostics);
        mapping.RejectUnknownKeys();
        return servo.ToWiring();
    }

    private void RequireUnique(Located<string> field, Dictionary<string, int> seen, int index, string problem)
    {
        if (!field.IsPresent) return;
        if (seen.TryGetValue(field.Value, out var first))
        {
            diagnostics.Add(field.Line, field.Path, problem, $"a name not already used by joints[{first}]", $"'{field.Value}'");
            return;
        }
        seen[field.Value] = index;
    }
}
