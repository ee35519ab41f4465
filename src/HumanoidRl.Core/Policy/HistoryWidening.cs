namespace HumanoidRl.Core.Policy;

/// <summary>
/// Lets a policy trained on a short observation history start a run that stacks more frames: the first layer
/// gets zero weights for the added (older) frames and the normalizer repeats the newest frame's statistics for
/// them (every frame is the same signal, only older). The widened policy computes exactly the actions the
/// original did, and training then learns what the older frames are worth.
/// </summary>
public static class HistoryWidening
{
    private const string HistorySeparator = "|history:";

    /// <summary>
    /// The source's history length when <paramref name="target"/> reads the same frame over more frames than
    /// <paramref name="source"/> does (so the source can be widened to it), otherwise null.
    /// </summary>
    public static int? ShorterSourceHistory(PolicyContract source, PolicyContract target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (Split(source.ObservationLayout) is not (var sourceFrame, var sourceHistory)
            || Split(target.ObservationLayout) is not (var targetFrame, var targetHistory)
            || sourceFrame != targetFrame || sourceHistory >= targetHistory
            || source.ObservationSize * targetHistory != target.ObservationSize * sourceHistory)
            return null;
        return sourceHistory;
    }

    /// <param name="policy">The policy reading <paramref name="fromHistory"/> frames of <paramref name="frameSize"/> values, newest
    /// first.</param>
    public static MlpPolicyWeights Widen(MlpPolicyWeights policy, int frameSize, int fromHistory, int toHistory)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromHistory);
        ArgumentOutOfRangeException.ThrowIfLessThan(toHistory, fromHistory);
        if (policy.ObservationSize != frameSize * fromHistory)
            throw new ArgumentException($"the policy reads {policy.ObservationSize} values, not {fromHistory} frames of {frameSize}",
                nameof(policy));
        var fromSize = policy.ObservationSize;
        var toSize = frameSize * toHistory;
        var first = policy.Layers[0];
        var weight = new float[first.OutputSize * toSize];
        for (var row = 0; row < first.OutputSize; row++)
            Array.Copy(first.Weight, row * fromSize, weight, row * toSize, fromSize);
        return policy with
        {
            ObservationMean = RepeatNewestFrame(policy.ObservationMean, frameSize, toSize),
            ObservationStd = RepeatNewestFrame(policy.ObservationStd, frameSize, toSize),
            Layers = [first with { InputSize = toSize, Weight = weight }, .. policy.Layers.Skip(1)],
        };
    }

    /// <summary>The frame part and the history length of an <see cref="Observation.ObservationLayout.Describe"/> string.</summary>
    private static (string Frame, int History)? Split(string layout)
    {
        var at = layout.LastIndexOf(HistorySeparator, StringComparison.Ordinal);
        return at >= 0 && int.TryParse(layout.AsSpan(at + HistorySeparator.Length), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var history) && history > 0
            ? (layout[..at], history)
            : null;
    }

    private static float[] RepeatNewestFrame(float[] values, int frameSize, int toSize)
    {
        var widened = new float[toSize];
        values.CopyTo(widened, 0);
        for (var offset = values.Length; offset < toSize; offset += frameSize)
            Array.Copy(values, 0, widened, offset, frameSize);
        return widened;
    }
}
