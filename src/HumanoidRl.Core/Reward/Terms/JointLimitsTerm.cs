namespace HumanoidRl.Core.Reward.Terms;

/// <summary>joint_limits: -sum of how far joints are beyond the soft position limits, rad.</summary>
internal sealed class JointLimitsTerm : RewardTerm
{
    public override string Name => "joint_limits";

    public override double Value(in RewardInput input, RewardContext context)
    {
        double sum = 0;
        var positionRad = input.JointPositionRad;
        var lowerRad = context.SoftLowerRad;
        var upperRad = context.SoftUpperRad;
        for (var j = 0; j < positionRad.Length; j++)
            sum += System.Math.Max(0, positionRad[j] - upperRad[j]) + System.Math.Max(0, lowerRad[j] - positionRad[j]);
        return -sum;
    }
}
