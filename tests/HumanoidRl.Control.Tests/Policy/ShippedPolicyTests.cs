using HumanoidRl.Control.Policy;
using HumanoidRl.Control.Tests.Controller;
using HumanoidRl.Core.Action;
using HumanoidRl.Core.Policy;

namespace HumanoidRl.Control.Tests.Policy;

/// <summary>The policies the repository ships still fit the robot config they will be deployed with.</summary>
public sealed class ShippedPolicyTests
{
    [Theory]
    [InlineData("humanoid16-balance.onnx", "balance", ActionMode.Torque)]
    [InlineData("humanoid16-walk.onnx", "walk", ActionMode.Torque)]
    [InlineData("humanoid16-walk-pd.onnx", "walk-pd", ActionMode.PdTarget)]
    public void A_shipped_policy_matches_the_robot_config_and_gives_finite_actions(string file, string task, ActionMode mode)
    {
        using var policy = OnnxPolicy.Load(Path.Combine(ControllerFixture.RepositoryRoot, "models", file));
        var observation = new float[policy.Contract.ObservationSize];
        var action = new float[policy.Contract.ActionSize];

        policy.Run(observation, action);

        Assert.Empty(policy.Contract.MismatchesAgainst(PolicyContracts.ForRobot(ControllerFixture.Robot)));
        Assert.Equal(task, policy.Contract.Task);
        Assert.Equal(mode, policy.Contract.ActionMode);
        Assert.All(action, value => Assert.True(float.IsFinite(value), $"action {value}"));
    }
}
