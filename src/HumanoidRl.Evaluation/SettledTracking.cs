namespace HumanoidRl.Evaluation;

/// <summary>
/// Tracking error once the robot has had time to respond: samples count only from a settling time after the
/// episode started or its command last changed. Next to the figures over every sample it splits the error into
/// the response to a new command (a step of up to 1.5 m/s takes a biped about a second of acceleration) and how
/// well the robot holds a command it has reached.
/// </summary>
public sealed class SettledTracking
{
    private readonly int _settleSamples;
    private readonly float[] _lastCommand;
    private readonly int[] _samplesSinceChange;
    private double _forwardSquares, _lateralSquares, _yawSquares;
    private long _settled, _all;

    public SettledTracking(int episodes, double settleS, double sampleDtS)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        if (!(settleS >= 0) || !(sampleDtS > 0))
            throw new ArgumentOutOfRangeException(nameof(settleS),
                $"settling time {settleS} s with samples every {sampleDtS} s: expected settle >= 0 and dt > 0");
        _settleSamples = (int)Math.Round(settleS / sampleDtS);
        _lastCommand = new float[episodes * 3];
        _samplesSinceChange = new int[episodes];
    }

    /// <summary>Samples one episode's command and measured velocities (forward and lateral m/s, yaw rad/s), in order.</summary>
    public void Add(int episode, ReadOnlySpan<float> commandedForwardLateralYaw, double forwardMPerS, double lateralMPerS,
        double yawRateRadPerS)
    {
        // Each episode's count starts at zero, so its start settles like a command change.
        var last = _lastCommand.AsSpan(episode * 3, 3);
        if (!commandedForwardLateralYaw[..3].SequenceEqual(last))
        {
            commandedForwardLateralYaw[..3].CopyTo(last);
            _samplesSinceChange[episode] = 0;
        }
        _all++;
        if (_samplesSinceChange[episode]++ < _settleSamples) return;
        _forwardSquares += Square(commandedForwardLateralYaw[0] - forwardMPerS);
        _lateralSquares += Square(commandedForwardLateralYaw[1] - lateralMPerS);
        _yawSquares += Square(commandedForwardLateralYaw[2] - yawRateRadPerS);
        _settled++;
    }

    /// <summary>RMS of |command - velocity| in the plane over the settled samples (m/s).</summary>
    public double LinearVelocityErrorRms => Rms(_forwardSquares + _lateralSquares);

    /// <summary>The forward part of <see cref="LinearVelocityErrorRms"/> (m/s).</summary>
    public double ForwardVelocityErrorRms => Rms(_forwardSquares);

    /// <summary>
    /// The lateral part of <see cref="LinearVelocityErrorRms"/> (m/s): with vy commands of a few tenths, mostly the sway of each step.
    /// </summary>
    public double LateralVelocityErrorRms => Rms(_lateralSquares);

    /// <summary>RMS of commanded minus measured yaw rate over the settled samples (rad/s).</summary>
    public double YawRateErrorRms => Rms(_yawSquares);

    /// <summary>Share of all samples that were settled.</summary>
    public double SettledFraction => _all == 0 ? 0 : _settled / (double)_all;

    private double Rms(double squares) => _settled == 0 ? 0 : Math.Sqrt(squares / _settled);

    private static double Square(double x) => x * x;
}
