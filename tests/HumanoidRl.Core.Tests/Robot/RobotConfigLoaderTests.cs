using HumanoidRl.Core.Robot;

namespace HumanoidRl.Core.Tests.Robot;

public sealed class RobotConfigLoaderTests
{
    private static readonly string[] PolicyOrder =
    [
        "left_hip_yaw", "left_hip_roll", "left_hip_pitch", "left_knee", "left_ankle_pitch", "left_ankle_roll",
        "right_hip_yaw", "right_hip_roll", "right_hip_pitch", "right_knee", "right_ankle_pitch", "right_ankle_roll",
        "left_shoulder_pitch", "left_elbow", "right_shoulder_pitch", "right_elbow",
    ];

    private static RobotConfig Shipped() => RobotConfigLoader.Load(RepositoryFiles.ShippedConfig);

    [Fact]
    public void Shipped_config_loads_with_16_joints_in_policy_order()
    {
        var config = Shipped();

        Assert.Equal("humanoid16", config.Name);
        Assert.Equal(PolicyOrder, config.Joints.Select(j => j.Name));
        Assert.Equal(2_000_000, config.LoopPeriodNs);
        Assert.Equal(0.002, config.LoopPeriodS, precision: 12);
        Assert.Equal(Path.GetFullPath(RepositoryFiles.ShippedModel), config.ModelPath);
        Assert.Equal(3, config.IndexOfJoint("left_knee"));
        Assert.Equal(-1, config.IndexOfJoint("tail"));
    }

    [Fact]
    public void Shipped_config_reads_every_section()
    {
        var config = Shipped();

        Assert.Equal(new[] { "leg_left", "leg_right", "arms" }, config.Buses.Select(b => b.Name));
        Assert.All(config.Buses, bus => Assert.Equal(4_000_000, bus.BaudRate));
        Assert.Equal("/dev/ttyUSB0", config.Buses[0].Port);
        Assert.Equal([new ImuAxis(0, 1), new ImuAxis(1, 1), new ImuAxis(2, 1)], config.Imu.AxisMap.AsEnumerable());
        Assert.Equal("leg_left", config.Imu.Bus);
        Assert.Equal(200, config.Imu.DeviceId);
        Assert.Equal("pelvis", config.Base.Body);
        Assert.Equal("imu_quat", config.Base.OrientationSensor);
        Assert.Equal(["left_foot_touch", "right_foot_touch"], config.Base.FootTouchSensors.AsEnumerable());
        Assert.Equal(new SafetyLimits(0.8, 0.8, 0.35, 0.1), config.Safety);

        var knee = config.Joints[3];
        Assert.Equal(new JointConfig("left_knee", "left_knee", "PH54-200-S500", 0, 2.3, 36, 3, 0.5,
            new PdGains(150, 3), new PdGains(150, 3), new ServoWiring("leg_left", 4, 1, 0)), knee);
        Assert.Equal(-1, config.Joints[9].Servo.Direction);
    }

    [Fact]
    public void Shipped_torque_limits_are_continuous_limits_below_the_motor_stall_torque()
    {
        var config = Shipped();
        foreach (var joint in config.Joints)
        {
            var motor = config.Motors.Single(m => m.Model == joint.Motor);
            Assert.True(joint.TorqueLimitNm < motor.StallTorqueNm,
                $"{joint.Name}: {joint.TorqueLimitNm} N m is not below {motor.Model}'s stall torque {motor.StallTorqueNm} N m");
        }
    }

    [Fact]
    public void Shipped_config_is_left_right_symmetric()
    {
        var joints = Shipped().Joints;
        foreach (var left in joints.Where(j => j.Name.StartsWith("left_", StringComparison.Ordinal)))
        {
            var right = joints.Single(j => j.Name == "right_" + left.Name["left_".Length..]);
            Assert.Equal((left.Motor, left.TorqueLimitNm, left.DefaultAngleRad, left.StandGains, left.ActionGains),
                (right.Motor, right.TorqueLimitNm, right.DefaultAngleRad, right.StandGains, right.ActionGains));
            // Roll joints mirror their range; every other axis keeps it.
            var mirrored = left.Name.EndsWith("_roll", StringComparison.Ordinal);
            Assert.Equal(mirrored ? (-left.UpperLimitRad, -left.LowerLimitRad) : (left.LowerLimitRad, left.UpperLimitRad),
                (right.LowerLimitRad, right.UpperLimitRad));
        }
    }
}
