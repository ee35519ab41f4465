namespace HumanoidRl.Core.Reward.Terms;

/// <summary>termination: -1 on the step that ends in a fall.</summary>
internal sealed class TerminationTerm : RewardTerm
{
    public override string Name => "termination";

    public override double Value(in RewardInput input, RewardContext context) => input.Terminated ? -1.0 : 0.0;
}
