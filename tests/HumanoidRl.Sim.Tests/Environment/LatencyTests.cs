using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Sim.Tests.Environment;

public sealed class LatencyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(10)]
    public void An_action_delay_of_k_ticks_makes_an_action_appear_exactly_k_ticks_later(int delayTicks)
    {
        var spec = new RandomizationSpec { ActionDelayTicks = new UniformRange(delayTicks, delayTicks) };
        using var task = TestTasks.CreateWithoutSoftStart(TestTasks.Balance(randomization: spec, decimation: 1));
        using var environment = new HumanoidEnvironment(task, seed: 9);
        var observation = new float[task.Layout.Size];
        var critic = new float[task.CriticObservationSize];
        environment.Reset(observation, critic);
        var impulse = Enumerable.Repeat(0.3f, task.JointCount).ToArray();
        var zero = new float[task.JointCount];
        var actuator = task.Binding.ActuatorId[0];

        var firstTickWithTorque = -1;
        for (var tick = 0; tick <= 15 && firstTickWithTorque < 0; tick++)
        {
            environment.Step(tick == 0 ? impulse : zero, observation, critic, out _, out _);
            if (environment.Data.Ctrl[actuator] != 0) firstTickWithTorque = tick;
        }

        Assert.Equal(delayTicks, firstTickWithTorque);
    }

    [Fact]
    public void Action_delay_line_returns_each_action_after_exactly_the_delay()
    {
        var line = new ActionDelayLine(width: 1, maxDelayTicks: 4);
        var outputs = Enumerable.Range(1, 8).Select(i => line.PushAndRead([i], delayTicks: 3)[0]).ToArray();

        Assert.Equal([0f, 0f, 0f, 1f, 2f, 3f, 4f, 5f], outputs);
    }

    [Fact]
    public void An_observation_delay_of_k_ticks_shows_the_joint_angles_of_k_ticks_ago()
    {
        const int delay = 4;
        var spec = new RandomizationSpec { ObservationDelayTicks = new UniformRange(delay, delay) };
        using var task = TestTasks.CreateWithoutSoftStart(TestTasks.Balance(randomization: spec, decimation: 1));
        using var environment = new HumanoidEnvironment(task, seed: 9);
        var observation = new float[task.Layout.Size];
        var critic = new float[task.CriticObservationSize];
        environment.Reset(observation, critic);
        var jointOffset = 3 + 3; // gyro, projected gravity
        var history = new List<float>();
        var seen = new List<float>();
        var zero = new float[task.JointCount];
        for (var tick = 0; tick < 20; tick++)
        {
            environment.Step(zero, observation, critic, out _, out _);
            history.Add(critic[jointOffset]);
            seen.Add(observation[jointOffset]);
        }

        for (var tick = delay; tick < 20; tick++) Assert.Equal(history[tick - delay], seen[tick]);
        Assert.NotEqual(history[19], history[19 - delay]);
    }
}
