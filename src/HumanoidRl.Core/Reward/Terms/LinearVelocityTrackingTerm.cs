namespace HumanoidRl.Core.Reward.Terms;

/// <summary>linear_velocity_tracking: exp(-|v_xy,cmd - v_xy|^2 / sigma), body-frame linear velocity tracking.</summary>
internal sealed class LinearVelocityTrackingTerm : RewardTerm
{
    public override string Name => "linear_velocity_tracking";

    public override double Value(in RewardInput input, RewardContext context) =>
        System.Math.Exp(-RewardSums.LinearVelocityErrorSquared(input) / context.Shape.TrackingSigma);
}
