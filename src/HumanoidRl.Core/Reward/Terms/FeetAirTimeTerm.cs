namespace HumanoidRl.Core.Reward.Terms;

/// <summary>feet_air_time: Sum over feet of (air time - target) at touchdown while the command is non-zero, s.</summary>
internal sealed class FeetAirTimeTerm : RewardTerm
{
    public override string Name => "feet_air_time";

    public override double Value(in RewardInput input, RewardContext context)
    {
        // Rewarding steps only makes sense while asked to move; standing still should not be punished.
        var commandSpeed = System.Math.Abs(input.Command[0]) + System.Math.Abs(input.Command[1]) + System.Math.Abs(input.Command[2]);
        if (commandSpeed < 0.05) return 0;
        double sum = 0;
        foreach (var airTime in input.FootTouchdownAirTimeS)
            if (airTime > 0) sum += airTime - context.Shape.FeetAirTimeTargetS;
        return sum;
    }
}
