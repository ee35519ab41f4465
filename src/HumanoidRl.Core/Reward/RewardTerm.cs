namespace HumanoidRl.Core.Reward;

/// <summary>
/// A reward term: its key under rewards.weights and its value per policy step from <see cref="RewardInput"/>. A term
/// is one class (in Terms/) plus one line in <see cref="BuiltIn"/>; a task weights it by its key.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(RewardTermJsonConverter))]
public abstract class RewardTerm
{
    public static readonly RewardTerm Stability = new Terms.StabilityTerm();

    public static readonly RewardTerm Alive = new Terms.AliveTerm();

    public static readonly RewardTerm Torque = new Terms.TorqueTerm();

    public static readonly RewardTerm ActionRate = new Terms.ActionRateTerm();

    public static readonly RewardTerm JointAcceleration = new Terms.JointAccelerationTerm();

    public static readonly RewardTerm JointLimits = new Terms.JointLimitsTerm();

    public static readonly RewardTerm BaseHeight = new Terms.BaseHeightTerm();

    public static readonly RewardTerm LinearVelocityTracking = new Terms.LinearVelocityTrackingTerm();

    public static readonly RewardTerm YawRateTracking = new Terms.YawRateTrackingTerm();

    public static readonly RewardTerm JointVelocity = new Terms.JointVelocityTerm();

    public static readonly RewardTerm Termination = new Terms.TerminationTerm();

    public static readonly RewardTerm FeetAirTime = new Terms.FeetAirTimeTerm();

    public static readonly RewardTerm FootSlip = new Terms.FootSlipTerm();

    public static readonly RewardTerm Collision = new Terms.CollisionTerm();

    public static readonly RewardTerm LinearVelocityError = new Terms.LinearVelocityErrorTerm();

    /// <summary>The terms a task file may weight, in the order contributions are indexed and summed.</summary>
    public static IReadOnlyList<RewardTerm> BuiltIn { get; } =
    [
        Stability,
        Alive,
        Torque,
        ActionRate,
        JointAcceleration,
        JointLimits,
        BaseHeight,
        LinearVelocityTracking,
        YawRateTracking,
        JointVelocity,
        Termination,
        FeetAirTime,
        FootSlip,
        Collision,
        LinearVelocityError,
    ];

    /// <summary>The key under rewards.weights (snake_case).</summary>
    public abstract string Name { get; }

    /// <summary>Index of a built-in term in <see cref="BuiltIn"/> (and in per-term contribution arrays).</summary>
    public static explicit operator int(RewardTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return IndexOf(BuiltIn, term);
    }

    public static int IndexOf(IReadOnlyList<RewardTerm> terms, RewardTerm term)
    {
        ArgumentNullException.ThrowIfNull(terms);
        for (var i = 0; i < terms.Count; i++)
        {
            if (ReferenceEquals(terms[i], term)) return i;
        }
        throw new ArgumentException($"reward term {term.Name} is not in the list", nameof(term));
    }

    /// <summary>The term's unweighted value for one environment and one policy step (allocation-free).</summary>
    public abstract double Value(in RewardInput input, RewardContext context);

    public override string ToString() => Name;
}
