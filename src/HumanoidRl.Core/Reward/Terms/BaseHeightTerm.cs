namespace HumanoidRl.Core.Reward.Terms;

/// <summary>base_height: -(h - h_target)^2, m^2.</summary>
internal sealed class BaseHeightTerm : RewardTerm
{
    public override string Name => "base_height";

    public override double Value(in RewardInput input, RewardContext context) =>
        -RewardSums.Square(input.BaseHeightM - context.Shape.BaseHeightTargetM);
}
