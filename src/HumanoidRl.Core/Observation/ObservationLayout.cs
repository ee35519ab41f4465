namespace HumanoidRl.Core.Observation;

/// <summary>
/// The actor observation layout: terms in order, stacked over HistoryLength frames (newest first). It is
/// part of the policy contract; training, the simulator backend and the hardware backend all build
/// observations from it with <see cref="ObservationBuilder"/>.
/// </summary>
public sealed record ObservationLayout
{
    public ObservationLayout(IReadOnlyList<ObservationTerm> terms, int jointCount, int historyLength = 1)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) throw new ArgumentException("an observation needs at least one term", nameof(terms));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jointCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(historyLength);
        var duplicate = terms.GroupBy(t => t.Kind).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"observation term '{duplicate.First().Name}' appears twice", nameof(terms));
        Terms = terms;
        JointCount = jointCount;
        HistoryLength = historyLength;
        FrameSize = terms.Sum(t => t.Size(jointCount));
    }

    public IReadOnlyList<ObservationTerm> Terms { get; }

    public int JointCount { get; }

    public int HistoryLength { get; }

    /// <summary>Length of one frame (all terms once).</summary>
    public int FrameSize { get; }

    /// <summary>Length of the whole observation vector.</summary>
    public int Size => FrameSize * HistoryLength;

    /// <summary>"name:size:scale:clip" per term joined by ';', with the history length: the contract string.</summary>
    public string Describe() =>
        string.Join(";", Terms.Select(t => FormattableString.Invariant($"{t.Name}:{t.Size(JointCount)}:{t.Scale:R}:{t.Clip:R}")))
        + FormattableString.Invariant($"|history:{HistoryLength}");

    public bool Contains(ObservationTermKind kind) => Terms.Any(t => t.Kind == kind);
}
