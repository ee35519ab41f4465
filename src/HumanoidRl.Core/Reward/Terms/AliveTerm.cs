namespace HumanoidRl.Core.Reward.Terms;

/// <summary>alive: +1 while the episode runs.</summary>
internal sealed class AliveTerm : RewardTerm
{
    public override string Name => "alive";

    public override double Value(in RewardInput input, RewardContext context) => 1.0;
}
