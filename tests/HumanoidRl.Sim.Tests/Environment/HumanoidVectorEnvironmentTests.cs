using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Sim.Tests.Environment;

public sealed class HumanoidVectorEnvironmentTests
{
    private static readonly RandomizationSpec FullRandomization = new()
    {
        LinkMassScale = new UniformRange(0.9, 1.1),
        PayloadKg = new UniformRange(-1, 2),
        Friction = new UniformRange(0.4, 1.2),
        MotorStrengthScale = new UniformRange(0.85, 1.15),
        ActionDelayTicks = new UniformRange(0, 5),
        ObservationDelayTicks = new UniformRange(0, 3),
        JointDampingScale = new UniformRange(0.8, 1.2),
        ArmatureScale = new UniformRange(0.9, 1.1),
        ObservationNoise = true,
        PushIntervalS = new UniformRange(0.5, 1.0),
        PushVelocityMPerS = new UniformRange(0.1, 0.4),
    };

    private static (float[] Observations, float[] Rewards, byte[] Dones) Run(int threads, int seed, int steps)
    {
        using var task = TestTasks.Create(TestTasks.Balance(randomization: FullRandomization, episodeS: 1));
        using var environments = new HumanoidVectorEnvironment(task, environmentCount: 6, threads);
        environments.Reset(seed);
        var random = new Random(1);
        var actions = new float[6 * task.JointCount];
        var rewards = new List<float>();
        var dones = new List<byte>();
        for (var step = 0; step < steps; step++)
        {
            for (var i = 0; i < actions.Length; i++) actions[i] = (float)((random.NextDouble() * 2) - 1) * 0.3f;
            environments.Step(actions);
            rewards.AddRange(environments.Rewards.ToArray());
            for (var i = 0; i < 6; i++) dones.Add((byte)(environments.Terminated[i] | (environments.Truncated[i] << 1)));
        }
        return (environments.Observations.ToArray(), [.. rewards], [.. dones]);
    }

    [Fact]
    public void Results_are_bit_identical_for_a_seed_whatever_the_thread_count()
    {
        var single = Run(threads: 1, seed: 42, steps: 150);
        var parallel = Run(threads: 3, seed: 42, steps: 150);

        Assert.Equal(single.Rewards, parallel.Rewards);
        Assert.Equal(single.Dones, parallel.Dones);
        Assert.Equal(single.Observations, parallel.Observations);
        Assert.Contains(single.Dones, d => d != 0);
    }

    [Fact]
    public void Different_seeds_give_different_rollouts()
    {
        Assert.NotEqual(Run(threads: 2, seed: 1, steps: 20).Rewards, Run(threads: 2, seed: 2, steps: 20).Rewards);
    }

    [Fact]
    public void Time_limit_truncates_without_terminating_and_resets_automatically()
    {
        using var task = TestTasks.Create(TestTasks.Balance(Core.Action.ActionMode.PdTarget, episodeS: 0.2));
        using var environments = new HumanoidVectorEnvironment(task, environmentCount: 2, threads: 2);
        environments.Reset(7);
        var actions = new float[2 * task.JointCount];
        for (var step = 1; step < task.EpisodeSteps; step++)
        {
            environments.Step(actions);
            Assert.Equal([0, 0], environments.Truncated.ToArray());
        }

        environments.Step(actions);

        Assert.Equal([1, 1], environments.Truncated.ToArray());
        Assert.Equal([0, 0], environments.Terminated.ToArray());
        Assert.Equal(0.0, environments[0].EpisodeTimeS);
    }

    [Fact]
    public void Stepping_allocates_nothing_after_warm_up_on_any_thread()
    {
        using var task = TestTasks.Create(TestTasks.Balance(randomization: FullRandomization, episodeS: 0.5));
        using var environments = new HumanoidVectorEnvironment(task, environmentCount: 4, threads: 2);
        environments.Reset(3);
        var actions = new float[4 * task.JointCount];
        for (var step = 0; step < 200; step++) environments.Step(actions);

        // Steady state allocates nothing, so some 200-step window must measure 0 bytes. A one-time lazy allocation
        // (the runtime's first real block in a barrier wait when other tests load the cores) can spoil a window,
        // never all five; any per-step allocation shows in every one of them.
        var windows = new List<long>();
        for (var window = 0; window < 5 && (windows.Count == 0 || windows[^1] != 0); window++)
        {
            var before = environments.SteppingAllocatedBytes + GC.GetAllocatedBytesForCurrentThread();
            for (var step = 0; step < 200; step++) environments.Step(actions);
            windows.Add(environments.SteppingAllocatedBytes + GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(windows[^1] == 0, $"bytes allocated per 200-step window: {string.Join(", ", windows)}");
    }
}
