namespace HumanoidRl.Core.Reward.Terms;

/// <summary>foot_slip: -sum over feet on the ground of their squared horizontal speed, (m/s)^2.</summary>
internal sealed class FootSlipTerm : RewardTerm
{
    public override string Name => "foot_slip";

    public override double Value(in RewardInput input, RewardContext context)
    {
        double sum = 0;
        for (var foot = 0; foot < input.FootOnGround.Length; foot++)
        {
            if (input.FootOnGround[foot])
            {
                sum += RewardSums.Square(input.FootVelocityXyMPerS[2 * foot])
                    + RewardSums.Square(input.FootVelocityXyMPerS[(2 * foot) + 1]);
            }
        }
        return -sum;
    }
}
