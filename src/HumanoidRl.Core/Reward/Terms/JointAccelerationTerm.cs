namespace HumanoidRl.Core.Reward.Terms;

/// <summary>joint_acceleration: -sum(qdd^2), (rad/s^2)^2, from consecutive joint velocities.</summary>
internal sealed class JointAccelerationTerm : RewardTerm
{
    public override string Name => "joint_acceleration";

    public override double Value(in RewardInput input, RewardContext context)
    {
        double sum = 0;
        for (var j = 0; j < input.JointVelocityRadPerS.Length; j++)
            sum += RewardSums.Square((input.JointVelocityRadPerS[j] - input.PreviousJointVelocityRadPerS[j]) / context.PolicyDtS);
        return -sum;
    }
}
