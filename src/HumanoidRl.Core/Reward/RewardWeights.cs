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

    public static string Name(RewardTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return term.Name;
    }

    /// <summary>The built-in term with the key, if any.</summary>
    public static bool TryParse(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RewardTerm? term)
    {
        term = RewardTerm.BuiltIn.FirstOrDefault(candidate => candidate.Name == name);
        return term is not null;
    }
}
