using HumanoidRl.Control.Controller;
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
    public void The_last_action_the_policy_observes_is_clamped_to_the_normalized_range_as_in_training()
    {
        using var runtime = new PolicyRuntime(ControllerFixture.PolicyFile(_folder, biasOverride: 40f), PolicyContracts.ForRobot(ControllerFixture.Robot));
        var frame = new SensorFrame(ControllerFixture.Robot.JointCount);
        var torqueNm = new double[ControllerFixture.Robot.JointCount];

        Assert.True(runtime.Tick(frame, new float[3], torqueNm, 0, out _));

        Assert.All(runtime.LastAction.ToArray(), a => Assert.Equal(1f, a));
    }
}
