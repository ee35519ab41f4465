using HumanoidRl.Core.Reward;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Sim.Tests.Environment;

public sealed class CommandCurriculumEnvironmentTests
{
    private const int Environments = 2;
    private const int EpisodeSteps = 5;

    /// <summary>A fixed 1 m/s forward command, 5-step episodes (0.04 s), linear tracking weighted.</summary>
    private static TaskConfig Task()
    {
        var balance = TestTasks.Balance(episodeS: EpisodeSteps * 0.008);
        return TestTasks.WithRewards(balance, (RewardTerm.LinearVelocityTracking, 4.0)) with
        {
            Commands = new CommandSpec { ForwardMPerS = UniformRange.Fixed(1.0), ZeroFraction = 0.0 },
        };
    }

    /// <summary>
    /// Runs one episode in every environment (all finish on the same step: one curriculum decision) and returns the
    /// range fraction after it, plus the commands of the episodes after the next ones: those starting at the decision
    /// drew their command just before it.
    /// </summary>
    private static double RunOneEpisode(HumanoidTask task, double trackingThreshold, out float[] commandsAfter)
    {
        var curriculum = new CommandCurriculum(
            new CommandCurriculumSpec(0.5, 0.25, trackingThreshold, MaxFallRate: 1.0), 4.0, Environments);
        using var environments = new HumanoidVectorEnvironment(task, Environments, threads: 1, curriculum);
        environments.Reset(seed: 3);
        Assert.Equal(0.5f, environments[0].Command[0]);
        var zero = new float[Environments * task.JointCount];
        for (var step = 0; step < EpisodeSteps; step++) environments.Step(zero);
        Assert.All(environments.Truncated.ToArray(), truncated => Assert.Equal(1, truncated));
        var rangeFraction = curriculum.RangeFraction;
        for (var step = 0; step < EpisodeSteps; step++) environments.Step(zero);
        commandsAfter = [environments[0].Command[0], environments[1].Command[0]];
        return rangeFraction;
    }

    [Fact]
    public void Commands_widen_after_episodes_that_track_above_the_threshold()
    {
        using var task = TestTasks.Create(Task());

        // Standing still under a 0.5 m/s command tracks at exp(-0.25 / 0.25) ~ 0.37 of the weight.
        var rangeFraction = RunOneEpisode(task, trackingThreshold: 0.2, out var commands);

        Assert.Equal(0.75, rangeFraction);
        Assert.Equal([0.75f, 0.75f], commands);
    }

    [Fact]
    public void Commands_stay_after_episodes_that_track_below_the_threshold()
    {
        using var task = TestTasks.Create(Task());

        var rangeFraction = RunOneEpisode(task, trackingThreshold: 0.6, out var commands);

        Assert.Equal(0.5, rangeFraction);
        Assert.Equal([0.5f, 0.5f], commands);
    }

    [Fact]
    public void Without_a_curriculum_commands_use_the_full_ranges()
    {
        using var task = TestTasks.Create(Task());
        using var environments = new HumanoidVectorEnvironment(task, Environments, threads: 1);

        environments.Reset(seed: 3);

        Assert.Equal(1.0f, environments[0].Command[0]);
        Assert.Null(environments.CommandCurriculum);
    }
}
