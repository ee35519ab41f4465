namespace HumanoidRl.Core.Reward.Terms;

/// <summary>stability: -(roll^2 + pitch^2), rad^2: the core stability term, always present.</summary>
internal sealed class StabilityTerm : RewardTerm
{
    public override string Name => "stability";

    public override double Value(in RewardInput input, RewardContext context) =>
        -((input.RollRad * input.RollRad) + (input.PitchRad * input.PitchRad));
}
