namespace HumanoidRl.Core.Reward.Terms;

/// <summary>linear_velocity_error: -|v_xy,cmd - v_xy|^2, (m/s)^2, heading frame: the squared error whose root mean eval reports as
/// lin_vel_error_rms. The exp kernel of linear_velocity_tracking barely changes for errors above ~0.7 m/s, right
/// after a large command change; this term keeps pulling there.</summary>
internal sealed class LinearVelocityErrorTerm : RewardTerm
{
    public override string Name => "linear_velocity_error";

    public override double Value(in RewardInput input, RewardContext context) => -RewardSums.LinearVelocityErrorSquared(input);
}
