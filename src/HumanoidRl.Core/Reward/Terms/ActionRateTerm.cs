namespace HumanoidRl.Core.Reward.Terms;

/// <summary>action_rate: -sum((a - a_prev)^2) over normalized actions.</summary>
internal sealed class ActionRateTerm : RewardTerm
{
    public override string Name => "action_rate";

    public override double Value(in RewardInput input, RewardContext context) =>
        -RewardSums.SquaredDifference(input.Action, input.PreviousAction);
}
