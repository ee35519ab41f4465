using System.Numerics;

namespace HumanoidRl.Hardware.Virtual.Tests;

/// <summary>
/// A test plant that only records what it was asked to do: the plant time it was advanced by in total and the
/// last motor currents. Joints stay at the horn centre, the IMU reports an upright body at rest.
/// </summary>
internal sealed class RecordingPlant(int jointCount) : IVirtualPlant
{
    private readonly double[] _currentA = new double[jointCount];
    private double _advancedS;

    public int JointCount => jointCount;

    public ImuReading Imu { get; } = new(Vector3.Zero, new Vector3(0, 0, 9.80665f), Vector3.Zero);

    /// <summary>Sum of every Advance duration (s).</summary>
    public double AdvancedS => Volatile.Read(ref _advancedS);

    public void Advance(ReadOnlySpan<double> motorCurrentA, double durationS)
    {
        motorCurrentA.CopyTo(_currentA);
        Volatile.Write(ref _advancedS, _advancedS + durationS);
    }

    public double PositionRad(int joint) => 0;

    public double VelocityRadPerS(int joint) => 0;

    public double CurrentA(int joint) => _currentA[joint];

    /// <summary>A copy of the last currents, one per joint.</summary>
    public double[] CurrentsA() => [.. _currentA];
}
