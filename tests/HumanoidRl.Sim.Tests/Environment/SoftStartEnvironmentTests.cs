using HumanoidRl.Core.Action;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Sim.Tests.Environment;

/// <summary>Every episode starts with the daemon's hand-over: the policy's torques blend in with the default-pose hold.</summary>
public sealed class SoftStartEnvironmentTests
{
    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        var max = 0.0;
        foreach (var value in values) max = Math.Max(max, Math.Abs(value));
        return max;
    }

    [Fact]
    public void A_zero_torque_policy_is_held_by_the_default_pose_hold_until_the_soft_start_ends()
    {
        var softStartS = TestTasks.Robot.Safety.SoftStartS;
        Assert.True(softStartS > 0, "the shipped robot config has a soft start");
        var config = TestTasks.Balance(ActionMode.Torque);
        using var blended = new HumanoidTask(config, TestTasks.Robot);
        using var immediate = TestTasks.CreateWithoutSoftStart(config);
        using var withHold = new HumanoidEnvironment(blended, seed: 3);
        using var without = new HumanoidEnvironment(immediate, seed: 3);
        var observation = new float[blended.Layout.Size];
        var critic = new float[blended.CriticObservationSize];
        withHold.Reset(observation, critic);
        without.Reset(observation, critic);
        var zero = new float[blended.JointCount];

        var blendSteps = (int)Math.Ceiling(softStartS / blended.PolicyDtS);
        for (var step = 1; step < blendSteps; step++)
        {
            withHold.Step(zero, observation, critic, out _, out _);
            without.Step(zero, observation, critic, out _, out _);
            Assert.True(MaxAbs(withHold.Data.Ctrl) > 0, $"no hold torque at policy step {step}, within the {softStartS} s soft start");
            Assert.Equal(0.0, MaxAbs(without.Data.Ctrl));
        }
        // The hold kept the robot nearer its default pose than the policy's zero torques alone did.
        Assert.True(DeviationFromDefaultRad(withHold) < 0.5 * DeviationFromDefaultRad(without),
            $"deviation with the hold {DeviationFromDefaultRad(withHold):F4} rad, without {DeviationFromDefaultRad(without):F4} rad");

        withHold.Step(zero, observation, critic, out _, out _);
        withHold.Step(zero, observation, critic, out _, out _);
        Assert.Equal(0.0, MaxAbs(withHold.Data.Ctrl));
    }

    private static double DeviationFromDefaultRad(HumanoidEnvironment environment)
    {
        var qpos = environment.Data.Qpos;
        var task = environment.Task;
        var squares = 0.0;
        for (var j = 0; j < task.JointCount; j++)
        {
            var error = qpos[task.Binding.JointQposAdr[j]] - task.DefaultPoseRad[j];
            squares += error * error;
        }
        return Math.Sqrt(squares);
    }
}
