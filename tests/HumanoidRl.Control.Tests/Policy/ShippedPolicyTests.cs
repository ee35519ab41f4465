using HumanoidRl.Control.Policy;
using HumanoidRl.Control.Tests.Controller;
using HumanoidRl.Core.Policy;

namespace HumanoidRl.Control.Tests.Policy;

/// <summary>The policy the repository ships still fits the robot config it will be deployed with.</summary>
public sealed class ShippedPolicyTests
{
    [Fact]
    public void The_shipped_balance_policy_matches_the_robot_config_and_gives_finite_actions()
    {
        using var policy = OnnxPolicy.Load(Path.Combine(ControllerFixture.RepositoryRoot, "models", "humanoid16-balance.onnx"));
        var observation = new float[policy.Contract.ObservationSize];
        var action = new float[policy.Contract.ActionSize];

        policy.Run(observation, action);

        Assert.Empty(policy.Contract.MismatchesAgainst(PolicyContracts.ForRobot(ControllerFixture.Robot)));
        Assert.Equal("balance", policy.Contract.Task);
        Assert.All(action, value => Assert.True(float.IsFinite(value), $"action {value}"));
    }
}
