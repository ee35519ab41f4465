namespace HumanoidRl.Evaluation;

/// <summary>
/// Tracking error of velocities averaged over one gait period, next to the command averaged over the same
/// window. A walking biped's base sways sideways and yaws back and forth with every step; over a whole stride
/// that oscillation cancels, so this error is what is left of the operator's walking speed and turn rate.
/// Windows span command changes too, so a slow response still counts.
/// </summary>
public sealed class StrideAveragedTracking
{
    private const int Channels = 6; // commanded vx, vy, wz, then measured vx, vy, wz
    private readonly int _windowSamples;
    private readonly double[] _history;
    private readonly double[] _sums;
    private readonly int[] _counts;
    private double _linearSquares, _yawSquares;
    private long _windows;

    public StrideAveragedTracking(int episodes, double strideS, double sampleDtS)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        if (!(strideS > 0) || !(sampleDtS > 0) || strideS < sampleDtS)
            throw new ArgumentOutOfRangeException(nameof(strideS),
                $"stride {strideS} s with samples every {sampleDtS} s: expected a stride of at least one sample");
        _windowSamples = (int)Math.Round(strideS / sampleDtS);
        _history = new double[episodes * _windowSamples * Channels];
        _sums = new double[episodes * Channels];
        _counts = new int[episodes];
    }

    /// <summary>Samples one episode's command and measured velocities (forward and lateral m/s, yaw rad/s).</summary>
    public void Add(int episode, ReadOnlySpan<float> commandedForwardLateralYaw, double forwardMPerS, double lateralMPerS,
        double yawRateRadPerS)
    {
        Span<double> sample = [commandedForwardLateralYaw[0], commandedForwardLateralYaw[1], commandedForwardLateralYaw[2], forwardMPerS,
            lateralMPerS, yawRateRadPerS];
        var slot = (episode * _windowSamples + _counts[episode] % _windowSamples) * Channels;
        var sums = _sums.AsSpan(episode * Channels, Channels);
        for (var c = 0; c < Channels; c++)
        {
            // The sample this one replaces leaves the window (zero until the window has filled).
            sums[c] += sample[c] - _history[slot + c];
            _history[slot + c] = sample[c];
        }
        _counts[episode]++;
        if (_counts[episode] < _windowSamples) return;
        var n = (double)_windowSamples;
        _linearSquares += Square((sums[0] - sums[3]) / n) + Square((sums[1] - sums[4]) / n);
        _yawSquares += Square((sums[2] - sums[5]) / n);
        _windows++;
    }

    /// <summary>RMS over every full window of every episode of |mean command - mean velocity| in the plane (m/s).</summary>
    public double LinearVelocityErrorRms => _windows == 0 ? 0 : Math.Sqrt(_linearSquares / _windows);

    /// <summary>RMS over every full window of mean commanded minus mean measured yaw rate (rad/s).</summary>
    public double YawRateErrorRms => _windows == 0 ? 0 : Math.Sqrt(_yawSquares / _windows);

    private static double Square(double x) => x * x;
}
