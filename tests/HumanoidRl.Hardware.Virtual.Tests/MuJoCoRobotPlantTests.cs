using HumanoidRl.Core.Geometry;
using HumanoidRl.Core.Sensing;
using HumanoidRl.Hardware.Backend;
using HumanoidRl.Hardware.Tests;
using HumanoidRl.Hardware.Tests.Backend;

namespace HumanoidRl.Hardware.Virtual.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MuJoCoRobotPlantTests
{
    [Fact]
    public void Plant_starts_in_the_stand_keyframe_with_servo_angles_through_the_wiring_and_an_upright_imu()
    {
        using var plant = new MuJoCoRobotPlant(TestRobot.Config, TestRobot.TorqueConstants);
        var config = TestRobot.Config;

        Assert.Equal(-0.25, plant.PositionRad(config.IndexOfJoint("left_hip_pitch")), 1e-6);
        Assert.Equal(0.25, plant.PositionRad(config.IndexOfJoint("right_hip_pitch")), 1e-6); // direction -1
        Assert.Equal(0.5, plant.JointAngleRad(config.IndexOfJoint("right_knee")), 1e-6);
        // Specific force points up; not exactly g: the feet are still settling into contact at the keyframe.
        Assert.InRange(plant.Imu.AccelerationMPerS2.Z, 5.0, 15.0);
        Assert.InRange(Math.Abs(plant.Imu.RollPitchYawRad.X) + Math.Abs(plant.Imu.RollPitchYawRad.Y), 0, 0.05);
    }

    [Fact]
    public void Motor_current_turns_into_joint_torque_with_the_servo_direction()
    {
        using var plant = new MuJoCoRobotPlant(TestRobot.Config, TestRobot.TorqueConstants);
        var config = TestRobot.Config;
        var left = config.IndexOfJoint("left_shoulder_pitch");
        var right = config.IndexOfJoint("right_shoulder_pitch"); // direction -1
        var currents = new double[plant.JointCount];
        currents[left] = 2.0;
        currents[right] = 2.0;
        var leftStart = plant.JointAngleRad(left);
        var rightStart = plant.JointAngleRad(right);

        for (var step = 0; step < 50; step++) plant.Advance(currents, 0.002);

        Assert.Equal(0.1, plant.TimeS, 1e-9);
        Assert.True(plant.JointAngleRad(left) > leftStart + 0.01, $"left shoulder {leftStart} -> {plant.JointAngleRad(left)}");
        Assert.True(plant.JointAngleRad(right) < rightStart - 0.01, $"right shoulder {rightStart} -> {plant.JointAngleRad(right)}");
        Assert.Equal(2.0, plant.CurrentA(left));
    }

    /// <summary>The hardware backend drives MuJoCo through one pseudo-terminal per configured bus, as `sim serve-bus` serves it.</summary>
    [Fact]
    public void Hardware_backend_over_a_pty_per_bus_reads_the_stand_pose_and_moves_the_simulated_joints_with_torque()
    {
        using var harness = RobotBusHarness.MuJoCoPerBus();
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);
        var config = harness.Config;
        var left = config.IndexOfJoint("left_shoulder_pitch");
        var right = config.IndexOfJoint("right_shoulder_pitch");
        var frame = new SensorFrame(backend.JointCount);
        backend.Configure();

        Assert.True(backend.Read(frame));
        // Physics runs in real time from the keyframe, so the unpowered joints have already sagged a little.
        Assert.Equal(0.5, frame.JointPositionRad[config.IndexOfJoint("left_knee")], 0.05);
        Assert.Equal(-0.25, frame.JointPositionRad[config.IndexOfJoint("right_hip_pitch")], 0.05);
        Assert.InRange(Quat.FromSpan(frame.ImuQuaternion).ToRollPitchYaw().PitchRad, -0.05, 0.05);
        var leftStart = frame.JointPositionRad[left];
        var rightStart = frame.JointPositionRad[right];

        backend.Activate();
        var torque = new double[backend.JointCount];
        torque[left] = 5.0;
        torque[right] = -5.0;
        var startTimeS = harness.MuJoCo!.TimeS;
        for (var cycle = 0; cycle < 300; cycle++)
        {
            Assert.True(backend.Write(torque, torqueEnabled: true));
            Assert.True(backend.Read(frame));
        }
        backend.Deactivate();

        Assert.True(harness.MuJoCo.TimeS > startTimeS, "simulated time did not advance");
        Assert.True(frame.JointPositionRad[left] > leftStart + 0.05, $"left shoulder {leftStart} -> {frame.JointPositionRad[left]}");
        Assert.True(frame.JointPositionRad[right] < rightStart - 0.05, $"right shoulder {rightStart} -> {frame.JointPositionRad[right]}");
        Assert.Equal(5.0, frame.JointTorqueNm[left], 0.05);
        Assert.Equal(-5.0, frame.JointTorqueNm[right], 0.05);
        Assert.Equal(0, backend.FailedReads);
    }
}
