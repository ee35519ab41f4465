using HumanoidRl.Core.Action;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Sim.Tests.Environment;

public sealed class HumanoidEnvironmentTests
{
    private static (float[] Observation, float[] Critic) Buffers(HumanoidTask task) =>
        (new float[task.Layout.Size], new float[task.CriticObservationSize]);

    private static int StepsUntilDone(
        HumanoidEnvironment environment, HumanoidTask task, int maxSteps, out bool terminated, out bool truncated)
    {
        var (observation, critic) = Buffers(task);
        var zero = new float[task.JointCount];
        terminated = truncated = false;
        for (var step = 1; step <= maxSteps; step++)
        {
            environment.Step(zero, observation, critic, out terminated, out truncated);
            if (terminated || truncated) return step;
        }
        return maxSteps;
    }

    [Fact]
    public void Robot_stands_on_its_keyframe_under_PD_hold_until_the_time_limit()
    {
        using var task = TestTasks.Create(TestTasks.Balance(ActionMode.PdTarget, episodeS: 5));
        using var environment = new HumanoidEnvironment(task, seed: 1);
        var (observation, critic) = Buffers(task);
        environment.Reset(observation, critic);

        var steps = StepsUntilDone(environment, task, task.EpisodeSteps + 10, out var terminated, out var truncated);

        Assert.False(terminated, $"fell after {steps} policy steps");
        Assert.True(truncated);
        Assert.Equal(task.EpisodeSteps, steps);
    }

    [Fact]
    public void Robot_falls_without_torque()
    {
        using var task = TestTasks.Create(TestTasks.Balance(ActionMode.Torque, episodeS: 5));
        using var environment = new HumanoidEnvironment(task, seed: 1);
        var (observation, critic) = Buffers(task);
        environment.Reset(observation, critic);

        var steps = StepsUntilDone(environment, task, task.EpisodeSteps, out var terminated, out _);

        Assert.True(terminated, "an unpowered robot should fall within 5 s");
        Assert.True(steps * task.PolicyDtS < 3.0, $"took {steps * task.PolicyDtS} s to fall");
    }

    [Fact]
    public void Stability_reward_is_zero_when_upright_and_negative_when_tilted()
    {
        using var task = TestTasks.Create(TestTasks.Balance(ActionMode.Torque));
        using var environment = new HumanoidEnvironment(task, seed: 2);
        var (observation, critic) = Buffers(task);
        environment.Reset(observation, critic);
        var zero = new float[task.JointCount];

        var first = environment.Step(zero, observation, critic, out _, out _);
        double last = first;
        for (var i = 0; i < 40; i++) last = environment.Step(zero, observation, critic, out _, out _);

        // alive (+1/s) dominates at the start; the stability term grows as the unpowered robot tips over.
        Assert.InRange(first, 0.99 * task.PolicyDtS, 1.0 * task.PolicyDtS);
        Assert.True(last < first, $"reward should fall as the robot tilts: {first} -> {last}");
    }

    [Fact]
    public void Out_of_range_actions_act_and_are_observed_as_their_clamped_values()
    {
        // A deployed policy's mean may leave [-1, 1]; training only ever fed the environment clamped samples, so the
        // last-action observation must never show the policy more than that.
        using var task = TestTasks.Create(TestTasks.Balance(ActionMode.PdTarget));
        using var beyond = new HumanoidEnvironment(task, seed: 4);
        using var atLimit = new HumanoidEnvironment(task, seed: 4);
        var (beyondObservation, beyondCritic) = Buffers(task);
        var (limitObservation, limitCritic) = Buffers(task);
        beyond.Reset(beyondObservation, beyondCritic);
        atLimit.Reset(limitObservation, limitCritic);
        var large = Enumerable.Range(0, task.JointCount).Select(j => j % 2 == 0 ? 3f : -2.5f).ToArray();
        var limits = large.Select(a => Math.Sign(a) * 1f).ToArray();

        for (var step = 0; step < 3; step++)
        {
            var beyondReward = beyond.Step(large, beyondObservation, beyondCritic, out _, out _);
            var limitReward = atLimit.Step(limits, limitObservation, limitCritic, out _, out _);

            Assert.Equal(limitReward, beyondReward);
            Assert.Equal(limitObservation, beyondObservation);
            Assert.Equal(limitCritic, beyondCritic);
        }
    }

    [Fact]
    public void Actor_observation_equals_the_clean_critic_part_without_noise_or_latency()
    {
        using var task = TestTasks.Create(TestTasks.Balance());
        using var environment = new HumanoidEnvironment(task, seed: 3);
        var (observation, critic) = Buffers(task);
        environment.Reset(observation, critic);
        environment.Step(new float[task.JointCount], observation, critic, out _, out _);

        Assert.Equal(observation, critic[..observation.Length]);
    }

    [Fact]
    public void Observation_noise_perturbs_the_actor_observation_only()
    {
        using var task = TestTasks.Create(TestTasks.Balance(randomization: new RandomizationSpec { ObservationNoise = true }));
        using var environment = new HumanoidEnvironment(task, seed: 3);
        var (observation, critic) = Buffers(task);
        environment.Reset(observation, critic);

        var differences = observation.Zip(critic).Count(pair => pair.First != pair.Second);
        var maxDifference = observation.Zip(critic).Max(pair => Math.Abs(pair.First - pair.Second));

        Assert.True(differences > 0);
        Assert.True(maxDifference <= 0.05 + 1e-6, $"noise exceeded the largest configured amplitude: {maxDifference}");
    }
}
