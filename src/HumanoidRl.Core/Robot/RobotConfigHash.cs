using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HumanoidRl.Core.Robot;

/// <summary>
/// SHA-256 over a canonical text of the parsed config, for the policy contract: it changes when anything the
/// policy sees or does changes (names, loop period, motors, joint order, limits, default pose, gains, safety)
/// and stays the same across comments, layout, key order and number spelling (0.5 vs 5e-1). Wiring (buses,
/// ports, IDs, directions, zero offsets, IMU placement) and file paths are left out: re-cabling, recalibrating
/// or moving a robot's files does not invalidate its policies. So is the soft start: it is how the daemon hands
/// the robot over, not part of the policy's interface, and evaluation runs it too, so a changed value is judged by
/// evaluating the policy under it rather than by refusing every policy trained before.
/// </summary>
public static class RobotConfigHash
{
    /// <summary>Lower-case hex SHA-256 of <see cref="CanonicalText"/>.</summary>
    public static string Compute(RobotConfig config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(config))));

    /// <summary>One "field=value" line per hashed field, in a fixed order; numbers in round-trip form.</summary>
    public static string CanonicalText(RobotConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringBuilder();
        Line(text, "name", config.Name);
        Line(text, "loop_period_ns", config.LoopPeriodNs.ToString(CultureInfo.InvariantCulture));

        var b = config.Base;
        Line(text, "base.body", b.Body);
        Line(text, "base.free_joint", b.FreeJoint);
        Line(text, "base.imu_site", b.ImuSite);
        Line(text, "base.gyro_sensor", b.GyroSensor);
        Line(text, "base.accelerometer_sensor", b.AccelerometerSensor);
        Line(text, "base.orientation_sensor", b.OrientationSensor);
        Line(text, "base.foot_touch_sensors", string.Join(",", b.FootTouchSensors));
        Line(text, "base.stand_keyframe", b.StandKeyframe);
        Line(text, "imu.axis_map", string.Join(",", config.Imu.AxisMap));

        foreach (var motor in config.Motors.OrderBy(m => m.Model, StringComparer.Ordinal))
        {
            Line(text, $"motor.{motor.Model}", Number(motor.StallTorqueNm), Number(motor.NoLoadSpeedRadPerS));
        }

        for (var i = 0; i < config.Joints.Length; i++)
        {
            var j = config.Joints[i];
            Line(text, $"joint[{i}]", j.Name, j.MjcfJoint, j.Motor);
            Line(text, $"joint[{i}].limits", Number(j.LowerLimitRad), Number(j.UpperLimitRad),
                Number(j.TorqueLimitNm), Number(j.VelocityLimitRadPerS));
            Line(text, $"joint[{i}].default_angle_rad", Number(j.DefaultAngleRad));
            Line(text, $"joint[{i}].stand_gains", Number(j.StandGains.KpNmPerRad), Number(j.StandGains.KdNmSPerRad));
            Line(text, $"joint[{i}].pd_action_gains", Number(j.ActionGains.KpNmPerRad), Number(j.ActionGains.KdNmSPerRad));
        }

        var s = config.Safety;
        Line(text, "safety", Number(s.FallRollRad), Number(s.FallPitchRad), Number(s.MinBaseHeightM));
        return text.ToString();
    }

    private static void Line(StringBuilder text, string field, params ReadOnlySpan<string> values)
    {
        text.Append(field).Append('=');
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(values[i]);
        }
        text.Append('\n');
    }

    // -0 and 0 are the same setting.
    private static string Number(double value) => (value == 0 ? 0 : value).ToString("R", CultureInfo.InvariantCulture);
}
