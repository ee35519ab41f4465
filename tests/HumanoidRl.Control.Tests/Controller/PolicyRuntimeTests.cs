using System.Runtime;
using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Loop;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Tests.Controller;

public sealed class PolicyRuntimeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-policy-runtime-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Tick_times_one_inference_per_policy_period_and_none_on_the_ticks_between()
    {
        using var runtime = new PolicyRuntime(ControllerFixture.PolicyFile(_folder), PolicyContracts.ForRobot(ControllerFixture.Robot));
        var decimation = runtime.Contract.Decimation;
        var frame = new SensorFrame(ControllerFixture.Robot.JointCount);
        var torqueNm = new double[ControllerFixture.Robot.JointCount];
        var command = new float[3];
        Assert.True(decimation > 1, $"the balance task's decimation is {decimation}: the test needs ticks without inference");

        // Of ticks 0 .. 10d - 1, ticks 0, d, ..., 9d run the policy; the others only map the last action.
        for (var tick = 0; tick < 10 * decimation; tick++)
            Assert.True(runtime.Tick(frame, command, torqueNm, tick, out _), $"tick {tick}: the policy output was not finite");

        var inference = runtime.InferenceTime;
        Assert.Equal(10, inference.Count);
        Assert.True(inference.MaxUs > 0, "an ONNX Runtime call took under 1 us");
        Assert.InRange(inference.PercentileUs(0.5), 0, inference.PercentileUs(0.99));
        Assert.InRange(inference.PercentileUs(0.99), 0, inference.MaxUs);
    }

    [Fact]
    public void Inference_is_due_once_per_policy_period_starting_with_the_first_tick()
    {
        using var runtime = new PolicyRuntime(ControllerFixture.PolicyFile(_folder), PolicyContracts.ForRobot(ControllerFixture.Robot));
        var decimation = runtime.Contract.Decimation;
        var frame = new SensorFrame(ControllerFixture.Robot.JointCount);
        var torqueNm = new double[ControllerFixture.Robot.JointCount];

        var due = new List<bool>();
        for (var tick = 0; tick < 3 * decimation; tick++)
        {
            due.Add(runtime.InferenceDue);
            Assert.True(runtime.Tick(frame, new float[3], torqueNm, tick, out _));
        }

        Assert.Equal(Enumerable.Range(0, 3 * decimation).Select(tick => tick % decimation == 0), due);
        Assert.Equal(due.Count(d => d), runtime.InferenceTime.Count);
    }

    [Fact]
    public void A_warm_up_is_timed_apart_once_per_tick_and_changes_neither_the_action_nor_the_next_one()
    {
        var path = ControllerFixture.PolicyFile(_folder);
        var robot = PolicyContracts.ForRobot(ControllerFixture.Robot);
        using var warmed = new PolicyRuntime(path, robot);
        using var plain = new PolicyRuntime(path, robot);
        var decimation = warmed.Contract.Decimation;
        var frame = new SensorFrame(ControllerFixture.Robot.JointCount);
        var warmedTorqueNm = new double[ControllerFixture.Robot.JointCount];
        var plainTorqueNm = new double[ControllerFixture.Robot.JointCount];
        var command = new float[] { 0.3f, 0f, 0f };

        for (var tick = 0; tick < 3 * decimation; tick++)
        {
            // The joints move between ticks, so each inference sees a new observation while the warm-up runs the last one.
            for (var j = 0; j < frame.JointPositionRad.Length; j++) frame.JointPositionRad[j] = 0.01 * tick * (j + 1);
            if (warmed.InferenceDue)
            {
                var before = warmed.LastAction.ToArray();
                warmed.Prewarm();
                // A deadline far enough ahead for repeats: they must leave the actions alone, as the first call does.
                Assert.True(warmed.KeepWarm(LinuxClock.NowNs() + 50_000_000) > 0, "the warm-up did not repeat with 50 ms to go");
                Assert.Equal(before, warmed.LastAction.ToArray());
            }
            Assert.True(warmed.Tick(frame, command, warmedTorqueNm, tick, out _));
            Assert.True(plain.Tick(frame, command, plainTorqueNm, tick, out _));
            Assert.Equal(plain.LastAction.ToArray(), warmed.LastAction.ToArray());
            Assert.Equal(plainTorqueNm, warmedTorqueNm);
        }

        Assert.Equal(3, warmed.PrewarmTime.Count);
        Assert.Equal(3, warmed.InferenceTime.Count);
        Assert.Equal(0, plain.PrewarmTime.Count);
    }

    [Fact]
    public void A_loaded_policy_has_every_call_the_loop_makes_compiled_and_forgets_the_calls_that_compiled_them()
    {
        using var runtime = new PolicyRuntime(ControllerFixture.PolicyFile(_folder), PolicyContracts.ForRobot(ControllerFixture.Robot));
        var frame = new SensorFrame(ControllerFixture.Robot.JointCount);
        var torqueNm = new double[ControllerFixture.Robot.JointCount];
        var command = new float[3];
        Assert.Equal(0, runtime.InferenceTime.Count);
        Assert.Equal(0, runtime.PrewarmTime.Count);
        Assert.True(runtime.InferenceDue);

        // The loading thread compiled them: the loop's first Policy tick (on the test thread here) compiles nothing.
        var compiledBefore = JitInfo.GetCompiledMethodCount(currentThread: true);
        runtime.Prewarm();
        runtime.KeepWarm(LinuxClock.NowNs() + 100_000);
        Assert.True(runtime.Tick(frame, command, torqueNm, LinuxClock.NowNs(), out _));
        var compiled = JitInfo.GetCompiledMethodCount(currentThread: true) - compiledBefore;

        Assert.Equal(0, compiled);
    }

    [Fact]
    public void Keeping_warm_repeats_the_call_while_there_is_time_for_another_and_not_once_the_deadline_has_passed()
    {
        using var runtime = new PolicyRuntime(ControllerFixture.PolicyFile(_folder), PolicyContracts.ForRobot(ControllerFixture.Robot));
        var frame = new SensorFrame(ControllerFixture.Robot.JointCount);
        Assert.True(runtime.Tick(frame, new float[3], new double[ControllerFixture.Robot.JointCount], 0, out _));
        runtime.Prewarm();

        var late = runtime.KeepWarm(LinuxClock.NowNs());
        // Thousands of warm calls fit in 200 ms, and at least ten even if the first inference, the estimate so far, came
        // cold at a few milliseconds.
        var ample = runtime.KeepWarm(LinuxClock.NowNs() + 200_000_000);

        Assert.Equal(0, late);
        Assert.True(ample > 10, $"only {ample} repeats in 200 ms");
        Assert.Equal(1, runtime.PrewarmTime.Count); // the first, cold call only
    }

    [Fact]
    public void Before_any_inference_keeping_warm_estimates_a_call_from_the_cold_warm_up()
    {
        using var runtime = new PolicyRuntime(ControllerFixture.PolicyFile(_folder), PolicyContracts.ForRobot(ControllerFixture.Robot));
        runtime.Prewarm();

        Assert.True(runtime.KeepWarm(LinuxClock.NowNs() + 200_000_000) > 10, "no repeats in 200 ms before the first inference");
    }

    [Fact]
    public void The_last_action_the_policy_observes_is_clamped_to_the_normalized_range_as_in_training()
    {
        var saturating = ControllerFixture.PolicyFile(_folder, biasOverride: 40f);
        using var runtime = new PolicyRuntime(saturating, PolicyContracts.ForRobot(ControllerFixture.Robot));
        var frame = new SensorFrame(ControllerFixture.Robot.JointCount);
        var torqueNm = new double[ControllerFixture.Robot.JointCount];

        Assert.True(runtime.Tick(frame, new float[3], torqueNm, 0, out _));

        Assert.All(runtime.LastAction.ToArray(), a => Assert.Equal(1f, a));
    }
}
