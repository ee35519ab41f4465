namespace HumanoidRl.Core.Reward.Terms;

/// <summary>torque: -sum(tau^2), N^2 m^2.</summary>
internal sealed class TorqueTerm : RewardTerm
{
    public override string Name => "torque";

    public override double Value(in RewardInput input, RewardContext context) => -RewardSums.SumOfSquares(input.TorqueNm);
}
