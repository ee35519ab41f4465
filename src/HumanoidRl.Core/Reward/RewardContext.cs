namespace HumanoidRl.Core.Reward;

/// <summary>
/// What reward terms read besides the step's <see cref="RewardInput"/>: the task's shape parameters and the
/// robot's soft joint limits.
/// </summary>
public sealed class RewardContext
{
    private readonly double[] _softLowerRad;
    private readonly double[] _softUpperRad;

    public RewardContext(RewardWeights shape, double policyDtS, ReadOnlySpan<double> jointLowerRad, ReadOnlySpan<double> jointUpperRad)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(policyDtS);
        Shape = shape;
        PolicyDtS = policyDtS;
        var lower = new double[jointLowerRad.Length];
        var upper = new double[jointLowerRad.Length];
        for (var j = 0; j < jointLowerRad.Length; j++)
        {
            var middle = (jointLowerRad[j] + jointUpperRad[j]) / 2;
            var half = (jointUpperRad[j] - jointLowerRad[j]) / 2 * shape.SoftLimitFraction;
            lower[j] = middle - half;
            upper[j] = middle + half;
        }
        _softLowerRad = lower;
        _softUpperRad = upper;
    }

    /// <summary>The task's reward section: weights and the shape parameters of the terms.</summary>
    public RewardWeights Shape { get; }

    public double PolicyDtS { get; }

    /// <summary>Per joint, the soft position limits: the centred <see cref="RewardWeights.SoftLimitFraction"/> of its range, rad.</summary>
    public ReadOnlySpan<double> SoftLowerRad => _softLowerRad;

    public ReadOnlySpan<double> SoftUpperRad => _softUpperRad;
}
