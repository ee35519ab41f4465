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

    private JointConfig ReadJoint(YamlMappingReader joint, int index)
    {
        var name = joint.Text("name", "a joint name");
        RequireUnique(name, _names, index, "duplicate joint name");
        var mjcfJoint = joint.Text("mjcf_joint", "the name of a hinge joint in the MJCF model");
        RequireUnique(mjcfJoint, _mjcfJoints, index, "MJCF joint used by two joints");

        var motorName = joint.Text("motor", $"one of the models in motors ({string.Join(", ", motors.Select(m => m.Model))})");
        var motor = motorName.IsPresent ? motors.FirstOrDefault(m => m.Model == motorName.Value) : null;
        if (motorName.IsPresent && motor is null)
        {
            diagnostics.Add(motorName.Line, motorName.Path, "unknown motor model",
                $"one of {string.Join(", ", motors.Select(m => m.Model))}", $"'{motorName.Value}'");
        }

        var (lower, upper) = ReadLimits(joint);

        const string TorqueExpected = "a positive number in N m";
        var torque = joint.Number("torque_limit_nm", TorqueExpected);
        diagnostics.Require(torque, torque.Value > 0, "must be > 0", TorqueExpected);
        if (motor is not null && torque.Value > 0)
        {
            diagnostics.Require(torque, torque.Value <= motor.StallTorqueNm, "exceeds the motor's stall torque",
                $"at most {ConfigDiagnostics.Describe(motor.StallTorqueNm)} N m for {motor.Model}");
        }

        const string VelocityExpected = "a positive number in rad/s";
        var velocity = joint.Number("velocity_limit_rad_per_s", VelocityExpected);
        diagnostics.Require(velocity, velocity.Value > 0, "must be > 0", VelocityExpected);
        if (motor is not null && velocity.Value > 0)
        {
            diagnostics.Require(velocity, velocity.Value <= motor.NoLoadSpeedRadPerS, "exceeds the motor's no-load speed",
                $"at most {ConfigDiagnostics.Describe(motor.NoLoadSpeedRadPerS)} rad/s for {motor.Model}");
        }

        var defaultAngle = joint.Number("default_angle_rad", "an angle in rad within position_limits_rad");
        if (lower.IsPresent && upper.IsPresent && lower.Value < upper.Value)
        {
            diagnostics.Require(defaultAngle, defaultAngle.Value >= lower.Value && defaultAngle.Value <= upper.Value,
                "outside the position limits",
                $"an angle in [{ConfigDiagnostics.Describe(lower.Value)}, {ConfigDiagnostics.Describe(upper.Value)}] rad");
        }

        var standGains = ReadGains(joint.Mapping("stand_gains", "a mapping with kp_nm_per_rad, kd_nm_s_per_rad"));
        var actionGains = ReadGains(joint.Mapping("pd_action_gains", "a mapping with kp_nm_per_rad, kd_nm_s_per_rad"));
        var servo = ReadServo(joint.Mapping("servo", "a mapping with bus, id, direction, zero_offset_rad"),
            name.Value ?? $"joints[{index}]");
        joint.RejectUnknownKeys();

        return new JointConfig(
            name.Value ?? "", mjcfJoint.Value ?? "", motorName.Value ?? "", lower.Value, upper.Value, torque.Value,
            velocity.Value, defaultAngle.Value, standGains, actionGains, servo);
    }

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

    private PdGains ReadGains(YamlMappingReader? gains)
    {
        var kp = gains?.Number("kp_nm_per_rad", "a stiffness >= 0 in N m/rad");
        if (kp is { } p) diagnostics.Require(p, p.Value >= 0, "must be >= 0", "a stiffness >= 0 in N m/rad");
        var kd = gains?.Number("kd_nm_s_per_rad", "a damping >= 0 in N m s/rad");
        if (kd is { } d) diagnostics.Require(d, d.Value >= 0, "must be >= 0", "a damping >= 0 in N m s/rad");
        gains?.RejectUnknownKeys();
        return new PdGains(kp?.Value ?? 0, kd?.Value ?? 0);
    }

    private ServoWiring ReadServo(YamlMappingReader? servo, string jointName)
    {
        var bus = servo?.Text("bus", "the name of a bus in buses");
        if (bus is { IsPresent: true } busName) RobotConfigReader.RequireBus(diagnostics, busName, buses);

        const long MaxId = RobotConfigReader.MaxDeviceId;
        var id = servo?.Integer("id", $"a motor ID from 0 to {MaxId}");
        if (id is { } motorId)
        {
            diagnostics.Require(motorId, motorId.Value is >= 0 and <= MaxId, "out of range", $"a motor ID from 0 to {MaxId}");
            if (bus is { IsPresent: true } && motorId.IsPresent)
            {
                if (_deviceIds.TryGetValue((bus.Value.Value, motorId.Value), out var owner))
                {
                    diagnostics.Add(motorId.Line, motorId.Path, "ID already used on this bus",
                        $"an ID on bus {bus.Value.Value} not used by {owner}", ConfigDiagnostics.Describe(motorId.Value));
                }
                else
                {
                    _deviceIds[(bus.Value.Value, motorId.Value)] = jointName;
                }
            }
        }

        var direction = servo?.Integer("direction", "+1 or -1");
        if (direction is { } dir) diagnostics.Require(dir, dir.Value is 1 or -1, "must be +1 or -1", "+1 or -1");
        var offset = servo?.Number("zero_offset_rad", "a calibration offset in rad within [-pi, pi]");
        if (offset is { } o)
        {
            diagnostics.Require(o, System.Math.Abs(o.Value) <= System.Math.PI, "out of range",
                "a calibration offset in rad within [-pi, pi]");
        }
        servo?.RejectUnknownKeys();
        return new ServoWiring(bus?.Value ?? "", (int)(id?.Value ?? 0), (int)(direction?.Value ?? 0), offset?.Value ?? 0);
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
