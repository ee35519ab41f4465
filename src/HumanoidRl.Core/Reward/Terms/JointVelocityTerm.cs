namespace HumanoidRl.Core.Reward.Terms;

/// <summary>joint_velocity: -sum(qd^2), (rad/s)^2.</summary>
internal sealed class JointVelocityTerm : RewardTerm
{
    public override string Name => "joint_velocity";

    public override double Value(in RewardInput input, RewardContext context) => -RewardSums.SumOfSquares(input.JointVelocityRadPerS);
}
