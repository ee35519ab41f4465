using HumanoidRl.Core.Reward;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Sim.Tests.Environment;

public sealed class FootRewardTests
{
    private const double Weight = 1.0;

    /// <summary>The foot_slip contribution of one policy step, after giving the whole robot a horizontal velocity.</summary>
    private static double FootSlipAfterOneStep(double baseVelocityXMPerS)
    {
        using var task = TestTasks.Create(TestTasks.WithRewards(TestTasks.Balance(), (RewardTerm.FootSlip, Weight)));
        using var environment = new HumanoidEnvironment(task, seed: 5);
        var observation = new float[task.Layout.Size];
        var critic = new float[task.CriticObservationSize];
        environment.Reset(observation, critic);
        // Let the robot settle onto its soles first, so both feet are on the ground.
        var zero = new float[task.JointCount];
        for (var i = 0; i < 3; i++) environment.Step(zero, observation, critic, out _, out _);
        var before = environment.EpisodeRewardTerms[(int)RewardTerm.FootSlip];
        environment.Data.Qvel[task.Binding.BaseDofAdr] = baseVelocityXMPerS;

        environment.Step(zero, observation, critic, out _, out _);

        Assert.Equal([true, true], environment.FootOnGround.ToArray());
        return environment.EpisodeRewardTerms[(int)RewardTerm.FootSlip] - before;
    }

    [Fact]
    public void Feet_sliding_on_the_floor_are_penalized_and_planted_feet_are_not()
    {
        using var task = TestTasks.Create(TestTasks.Balance());
        var dt = task.PolicyDtS;

        var planted = FootSlipAfterOneStep(0.0);
        var sliding = FootSlipAfterOneStep(1.0);

        // Both feet dragged at up to 1 m/s (friction slows them): a good part of 2 (m/s)^2 per step.
        Assert.True(sliding < -0.3 * Weight * dt, $"sliding feet cost {sliding}");
        Assert.True(planted > -0.01 * Weight * dt, $"planted feet cost {planted}");
    }

    [Fact]
    public void Foot_contacts_are_not_evaluated_when_neither_foot_term_is_weighted()
    {
        using var task = TestTasks.Create(TestTasks.Balance());

        Assert.Null(task.Contacts);
    }

    [Fact]
    public void Collision_stays_zero_while_the_robot_stands_on_its_feet()
    {
        using var task = TestTasks.Create(
            TestTasks.WithRewards(TestTasks.Balance(), (RewardTerm.Collision, Weight), (RewardTerm.FootSlip, Weight)));
        using var environment = new HumanoidEnvironment(task, seed: 6);
        var observation = new float[task.Layout.Size];
        var critic = new float[task.CriticObservationSize];
        environment.Reset(observation, critic);

        for (var i = 0; i < 5; i++) environment.Step(new float[task.JointCount], observation, critic, out _, out _);

        Assert.Equal(0.0, environment.EpisodeRewardTerms[(int)RewardTerm.Collision]);
    }
}
