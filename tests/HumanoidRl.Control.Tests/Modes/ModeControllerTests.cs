using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Safety;
using HumanoidRl.Control.Tests.Controller;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Tests.Modes;

public sealed class ModeControllerTests : IDisposable
{
    private static readonly double[] DefaultPoseRad = [0.5, -0.25];
    private static readonly PoseHold Hold = new([10.0, 20.0], [1.0, 2.0]);

    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-mode-controllers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Passive_and_EStop_command_zero_torque_with_the_motors_off()
    {
        IModeController[] limp = [new PassiveController(), new EStopController()];
        var frame = Moving();

        foreach (var controller in limp)
        {
            double[] torqueNm = [3.0, -4.0];
            Assert.True(controller.TryComputeTorques(new ModeTick(frame, [], 1.0, 0), torqueNm, out _));
            Assert.Equal([0.0, 0.0], torqueNm);
            Assert.False(controller.TorqueEnabled, controller.Mode.ToString());
        }
    }

    [Fact]
    public void Damping_opposes_each_joints_velocity_with_its_gain_and_no_position_term()
    {
        var damping = new DampingController([1.5, 3.0]);
        var torqueNm = new double[2];

        Assert.True(damping.TryComputeTorques(new ModeTick(Moving(), [], 0, 0), torqueNm, out _));

        Assert.Equal([-1.5 * 0.4, -3.0 * -0.2], torqueNm);
        Assert.True(damping.TorqueEnabled);
    }

    [Fact]
    public void StandUp_moves_its_target_on_a_smoothstep_from_the_entry_pose_to_the_default_pose_and_completes_there()
    {
        var standUp = new StandUpController(Hold, DefaultPoseRad, standUpS: 2.0);
        var frame = new SensorFrame(2);
        frame.JointPositionRad[0] = -0.5;
        frame.JointPositionRad[1] = 0.75;
        standUp.Enter(frame);
        var torqueNm = new double[2];

        // Half-way in time the smoothstep is half-way too: the target is the mean of the entry and default poses.
        Assert.True(standUp.TryComputeTorques(new ModeTick(frame, [], 1.0, 0), torqueNm, out _));
        Assert.Equal([10.0 * (0.0 - -0.5), 20.0 * (0.25 - 0.75)], torqueNm);
        Assert.False(standUp.Complete);

        standUp.TryComputeTorques(new ModeTick(frame, [], 2.5, 0), torqueNm, out _);
        Assert.Equal([10.0 * (0.5 - -0.5), 20.0 * (-0.25 - 0.75)], torqueNm);
        Assert.True(standUp.Complete);

        standUp.Enter(frame);
        Assert.False(standUp.Complete);
    }

    [Fact]
    public void Policy_torques_start_as_the_hold_of_the_default_pose_and_are_the_policys_own_after_the_soft_start()
    {
        var robot = ControllerFixture.Robot;
        var settings = ControllerSettings.FromRobot(robot);
        var safety = new SafetyLayer(settings.Safety, settings.LowerLimitRad, settings.UpperLimitRad, settings.TorqueLimitNm);
        var hold = new PoseHold(settings.StandKpNmPerRad, settings.StandKdNmSPerRad);
        using var runtime = new PolicyRuntime(ControllerFixture.PolicyFile(_folder), PolicyContracts.ForRobot(robot));
        using var alone = new PolicyRuntime(ControllerFixture.PolicyFile(_folder), PolicyContracts.ForRobot(robot));
        var policy = new PolicyController(safety, hold, settings.DefaultPoseRad);
        Assert.Null(policy.Swap(runtime));
        var frame = new SensorFrame(robot.JointCount);
        frame.JointPositionRad[0] = 0.1;
        policy.Enter(frame);
        var torqueNm = new double[robot.JointCount];
        var holdNm = new double[robot.JointCount];
        var aloneNm = new double[robot.JointCount];

        Assert.True(policy.TryComputeTorques(new ModeTick(frame, new float[3], 0, 0), torqueNm, out _));
        hold.TorquesToward(settings.DefaultPoseRad, frame, holdNm);
        Assert.Equal(holdNm, torqueNm);

        // Past the soft start the torques are the policy's alone (its first action, mapped on the same frame).
        policy.Enter(frame);
        Assert.True(policy.TryComputeTorques(new ModeTick(frame, new float[3], settings.Safety.SoftStartS + 1, 0), torqueNm, out _));
        Assert.True(alone.Tick(frame, new float[3], aloneNm, 0, out _));
        Assert.Equal(aloneNm, torqueNm);
    }

    [Fact]
    public void A_policy_output_that_is_not_finite_is_a_fault_of_the_policy_controller()
    {
        var robot = ControllerFixture.Robot;
        var settings = ControllerSettings.FromRobot(robot);
        var safety = new SafetyLayer(settings.Safety, settings.LowerLimitRad, settings.UpperLimitRad, settings.TorqueLimitNm);
        var nan = ControllerFixture.PolicyFile(_folder, biasOverride: float.NaN);
        using var runtime = new PolicyRuntime(nan, PolicyContracts.ForRobot(robot));
        var hold = new PoseHold(settings.StandKpNmPerRad, settings.StandKdNmSPerRad);
        var policy = new PolicyController(safety, hold, settings.DefaultPoseRad);
        policy.Swap(runtime);
        var frame = new SensorFrame(robot.JointCount);
        policy.Enter(frame);

        Assert.False(policy.TryComputeTorques(new ModeTick(frame, new float[3], 0, 42), new double[robot.JointCount], out var fault));

        Assert.Equal(FaultKind.PolicyNotFinite, fault.Kind);
        Assert.Equal(42, fault.TimestampNs);
    }

    /// <summary>Two joints at rest positions, moving at 0.4 and -0.2 rad/s.</summary>
    private static SensorFrame Moving()
    {
        var frame = new SensorFrame(2);
        frame.JointVelocityRadPerS[0] = 0.4;
        frame.JointVelocityRadPerS[1] = -0.2;
        return frame;
    }
}
