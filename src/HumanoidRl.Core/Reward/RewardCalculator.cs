namespace HumanoidRl.Core.Reward;

/// <summary>
/// Computes the weighted step reward, allocation-free. Only terms with a non-zero weight are evaluated;
/// per-term contributions can be written out for episode logging.
/// </summary>
public sealed class RewardCalculator
{
    private readonly RewardTerm[] _activeTerms;
    private readonly double[] _weights;
    private readonly RewardWeights _config;
    private readonly double _policyDtS;
    private readonly double[] _softLowerRad;
    private readonly double[] _softUpperRad;

    public RewardCalculator(RewardWeights config, double policyDtS, ReadOnlySpan<double> jointLowerRad, ReadOnlySpan<double> jointUpperRad)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(policyDtS);
        _config = config;
        _policyDtS = policyDtS;
        _activeTerms = [.. Enum.GetValues<RewardTerm>().Where(t => config.Weight(t) != 0)];
        _weights = [.. Enum.GetValues<RewardTerm>().Select(config.Weight)];
        _softLowerRad = new double[jointLowerRad.Length];
        _softUpperRad = new double[jointLowerRad.Length];
        for (var j = 0; j < jointLowerRad.Length; j++)
        {
            var middle = (jointLowerRad[j] + jointUpperRad[j]) / 2;
            var half = (jointUpperRad[j] - jointLowerRad[j]) / 2 * config.SoftLimitFraction;
            _softLowerRad[j] = middle - half;
            _softUpperRad[j] = middle + half;
        }
    }

    public static int TermCount => Enum.GetValues<RewardTerm>().Length;

    /// <summary>Whether the term has a non-zero weight (inputs only it needs can be skipped otherwise).</summary>
    public bool Uses(RewardTerm term) => _weights[(int)term] != 0;

    /// <summary>The step reward; contributions[term] receives weight x value x dt when given (length TermCount).</summary>
    public double Compute(in RewardInput input, Span<double> contributions = default)
    {
        double total = 0;
        foreach (var term in _activeTerms)
        {
            var contribution = _weights[(int)term] * Value(term, input) * _policyDtS;
            if (!contributions.IsEmpty) contributions[(int)term] += contribution;
            total += contribution;
        }
        return total;
    }

    private double Value(RewardTerm term, in RewardInput input) => term switch
    {
        RewardTerm.Stability => -((input.RollRad * input.RollRad) + (input.PitchRad * input.PitchRad)),
        RewardTerm.Alive => 1.0,
        RewardTerm.Torque => -SumOfSquares(input.TorqueNm),
        RewardTerm.ActionRate => -SquaredDifference(input.Action, input.PreviousAction),
        RewardTerm.JointAcceleration => -JointAccelerationSquared(input),
        RewardTerm.JointLimits => -LimitViolation(input.JointPositionRad),
        RewardTerm.BaseHeight => -Square(input.BaseHeightM - _config.BaseHeightTargetM),
        RewardTerm.LinearVelocityTracking => System.Math.Exp(-LinearVelocityErrorSquared(input) / _config.TrackingSigma),
        RewardTerm.LinearVelocityError => -LinearVelocityErrorSquared(input),
        RewardTerm.YawRateTracking => System.Math.Exp(-Square(input.Command[2] - input.YawRateRadPerS) / _config.TrackingSigma),
        RewardTerm.JointVelocity => -SumOfSquares(input.JointVelocityRadPerS),
        RewardTerm.Termination => input.Terminated ? -1.0 : 0.0,
        RewardTerm.FeetAirTime => FeetAirTime(input),
        RewardTerm.FootSlip => -FootSlipSquared(input),
        RewardTerm.Collision => -input.CollisionCount,
        _ => 0.0,
    };

    private double JointAccelerationSquared(in RewardInput input)
    {
        double sum = 0;
        for (var j = 0; j < input.JointVelocityRadPerS.Length; j++)
            sum += Square((input.JointVelocityRadPerS[j] - input.PreviousJointVelocityRadPerS[j]) / _policyDtS);
        return sum;
    }

    private double LimitViolation(ReadOnlySpan<double> positionRad)
    {
        double sum = 0;
        for (var j = 0; j < positionRad.Length; j++)
            sum += System.Math.Max(0, positionRad[j] - _softUpperRad[j]) + System.Math.Max(0, _softLowerRad[j] - positionRad[j]);
        return sum;
    }

    private double FeetAirTime(in RewardInput input)
    {
        // Rewarding steps only makes sense while asked to move; standing still should not be punished.
        var commandSpeed = System.Math.Abs(input.Command[0]) + System.Math.Abs(input.Command[1]) + System.Math.Abs(input.Command[2]);
        if (commandSpeed < 0.05) return 0;
        double sum = 0;
        foreach (var airTime in input.FootTouchdownAirTimeS)
            if (airTime > 0) sum += airTime - _config.FeetAirTimeTargetS;
        return sum;
    }

    private static double FootSlipSquared(in RewardInput input)
    {
        double sum = 0;
        for (var foot = 0; foot < input.FootOnGround.Length; foot++)
        {
            if (input.FootOnGround[foot])
                sum += Square(input.FootVelocityXyMPerS[2 * foot]) + Square(input.FootVelocityXyMPerS[(2 * foot) + 1]);
        }
        return sum;
    }

    private static double Square(double x) => x * x;

    private static double LinearVelocityErrorSquared(in RewardInput input) =>
        Square(input.Command[0] - input.BaseVelocityXMPerS) + Square(input.Command[1] - input.BaseVelocityYMPerS);

    private static double SumOfSquares(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v * v;
        return sum;
    }

    private static double SquaredDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Square(a[i] - (double)b[i]);
        return sum;
    }
}
