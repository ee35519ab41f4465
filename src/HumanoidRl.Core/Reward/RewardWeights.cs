namespace HumanoidRl.Core.Reward;

/// <summary>
/// Weights per second of each reward term (the step reward is sum(weight x term) x policy dt, so weights do
/// not change meaning with the policy rate), plus the shape parameters some terms need.
/// </summary>
public sealed record RewardWeights
{
    public required IReadOnlyDictionary<RewardTerm, double> Weights { get; init; }

    public double BaseHeightTargetM { get; init; } = 0.0;

    public double TrackingSigma { get; init; } = 0.25;

    public double FeetAirTimeTargetS { get; init; } = 0.4;

    /// <summary>Fraction of each joint's range, centred, inside which the joint-limit penalty is zero.</summary>
    public double SoftLimitFraction { get; init; } = 0.9;

    /// <summary>MJCF bodies that are feet: foot_slip watches them, collision leaves their ground contacts alone.</summary>
    public IReadOnlyList<string> FootBodies { get; init; } = [];

    /// <summary>Whether a term that needs <see cref="FootBodies"/> is weighted.</summary>
    public bool UsesFootContacts => Weight(RewardTerm.FootSlip) != 0 || Weight(RewardTerm.Collision) != 0;

    public double Weight(RewardTerm term) => Weights.TryGetValue(term, out var weight) ? weight : 0.0;

    public static string Name(RewardTerm term) => term switch
    {
        RewardTerm.Stability => "stability",
        RewardTerm.Alive => "alive",
        RewardTerm.Torque => "torque",
        RewardTerm.ActionRate => "action_rate",
        RewardTerm.JointAcceleration => "joint_acceleration",
        RewardTerm.JointLimits => "joint_limits",
        RewardTerm.BaseHeight => "base_height",
        RewardTerm.LinearVelocityTracking => "linear_velocity_tracking",
        RewardTerm.YawRateTracking => "yaw_rate_tracking",
        RewardTerm.JointVelocity => "joint_velocity",
        RewardTerm.Termination => "termination",
        RewardTerm.FeetAirTime => "feet_air_time",
        RewardTerm.FootSlip => "foot_slip",
        RewardTerm.Collision => "collision",
        RewardTerm.LinearVelocityError => "linear_velocity_error",
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "unknown reward term"),
    };

    public static bool TryParse(string name, out RewardTerm term)
    {
        foreach (var candidate in Enum.GetValues<RewardTerm>())
        {
            if (Name(candidate) == name)
            {
                term = candidate;
                return true;
            }
        }
        term = default;
        return false;
    }
}
