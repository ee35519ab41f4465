namespace HumanoidRl.Core.Reward.Terms;

/// <summary>yaw_rate_tracking: exp(-(wz_cmd - wz)^2 / sigma), yaw rate tracking.</summary>
internal sealed class YawRateTrackingTerm : RewardTerm
{
    public override string Name => "yaw_rate_tracking";

    public override double Value(in RewardInput input, RewardContext context) =>
        System.Math.Exp(-RewardSums.Square(input.Command[2] - input.YawRateRadPerS) / context.Shape.TrackingSigma);
}
