namespace HumanoidRl.Core.Sensing;

/// <summary>
/// What the robot measures at one tick, in policy joint order. The simulator and the serial backend fill
/// the same frame, and the observation builder reads only this, so the policy never sees anything the real
/// robot cannot measure.
/// </summary>
public sealed class SensorFrame
{
    public SensorFrame(int jointCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jointCount);
        JointPositionRad = new double[jointCount];
        JointVelocityRadPerS = new double[jointCount];
        JointTorqueNm = new double[jointCount];
    }

    public int JointCount => JointPositionRad.Length;

    public double[] JointPositionRad { get; }

    public double[] JointVelocityRadPerS { get; }

    /// <summary>Measured (or, in simulation, applied) joint torque.</summary>
    public double[] JointTorqueNm { get; }

    /// <summary>IMU orientation in the world frame, (w, x, y, z).</summary>
    public double[] ImuQuaternion { get; } = [1, 0, 0, 0];

    /// <summary>IMU angular velocity in the IMU frame.</summary>
    public double[] GyroRadPerS { get; } = new double[3];

    /// <summary>IMU specific force in the IMU frame.</summary>
    public double[] AccelMPerS2 { get; } = new double[3];

    /// <summary>Monotonic time of the reading; the safety layer uses it to detect stale data.</summary>
    public long TimestampNs { get; set; }

    public void CopyTo(SensorFrame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        JointPositionRad.CopyTo(destination.JointPositionRad, 0);
        JointVelocityRadPerS.CopyTo(destination.JointVelocityRadPerS, 0);
        JointTorqueNm.CopyTo(destination.JointTorqueNm, 0);
        ImuQuaternion.CopyTo(destination.ImuQuaternion, 0);
        GyroRadPerS.CopyTo(destination.GyroRadPerS, 0);
        AccelMPerS2.CopyTo(destination.AccelMPerS2, 0);
        destination.TimestampNs = TimestampNs;
    }
}
