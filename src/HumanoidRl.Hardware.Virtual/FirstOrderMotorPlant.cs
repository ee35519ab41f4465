using System.Numerics;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// A deliberately simple plant for tests and bench runs: each joint is an unloaded motor with rotor inertia
/// and viscous friction, <c>J dw/dt = Kt i - b w</c> (first order in velocity), integrated exactly over each
/// step; the IMU reports a body at rest, upright. No gravity, contact or coupling: use the MuJoCo plant for that.
/// </summary>
public sealed class FirstOrderMotorPlant : IVirtualPlant
{
    private readonly double[] _positionRad;
    private readonly double[] _velocityRadPerS;
    private readonly double[] _currentA;
    private readonly double _torqueConstantNmPerA;
    private readonly double _inertiaKgM2;
    private readonly double _dampingNmsPerRad;

    public FirstOrderMotorPlant(int jointCount, double torqueConstantNmPerA, double inertiaKgM2, double dampingNmsPerRad)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jointCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(torqueConstantNmPerA);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inertiaKgM2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dampingNmsPerRad);
        JointCount = jointCount;
        _torqueConstantNmPerA = torqueConstantNmPerA;
        _inertiaKgM2 = inertiaKgM2;
        _dampingNmsPerRad = dampingNmsPerRad;
        _positionRad = new double[jointCount];
        _velocityRadPerS = new double[jointCount];
        _currentA = new double[jointCount];
    }

    public int JointCount { get; }

    public ImuReading Imu { get; } = new(Vector3.Zero, new Vector3(0, 0, 9.80665f), Vector3.Zero);

    public void Advance(ReadOnlySpan<double> motorCurrentA, double durationS)
    {
        if (motorCurrentA.Length != JointCount)
        {
            throw new ArgumentException($"expected {JointCount} motor currents, got {motorCurrentA.Length}", nameof(motorCurrentA));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(durationS);
        var timeConstantS = _inertiaKgM2 / _dampingNmsPerRad;
        var decay = Math.Exp(-durationS / timeConstantS);
        for (var joint = 0; joint < JointCount; joint++)
        {
            var steadyVelocity = _torqueConstantNmPerA * motorCurrentA[joint] / _dampingNmsPerRad;
            var startVelocity = _velocityRadPerS[joint];
            // Exact integral of w(t) = ws + (w0 - ws) e^(-t/tau) over the step.
            _positionRad[joint] += (steadyVelocity * durationS) + ((startVelocity - steadyVelocity) * timeConstantS * (1 - decay));
            _velocityRadPerS[joint] = steadyVelocity + ((startVelocity - steadyVelocity) * decay);
            _currentA[joint] = motorCurrentA[joint];
        }
    }

    public double PositionRad(int joint) => _positionRad[joint];

    public double VelocityRadPerS(int joint) => _velocityRadPerS[joint];

    public double CurrentA(int joint) => _currentA[joint];
}
