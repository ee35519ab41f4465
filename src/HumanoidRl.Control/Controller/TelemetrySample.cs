using HumanoidRl.Control.Modes;

namespace HumanoidRl.Control.Controller;

/// <summary>The robot's state at one tick, as the loop published it. Arrays are in policy joint order.</summary>
public sealed class TelemetrySample
{
    public TelemetrySample(int jointCount)
    {
        JointPositionRad = new double[jointCount];
        JointVelocityRadPerS = new double[jointCount];
        JointTorqueNm = new double[jointCount];
        Action = new float[jointCount];
    }

    public long Tick { get; set; }
    public long TimestampNs { get; set; }
    public ControlMode Mode { get; set; }
    public double[] JointPositionRad { get; }
    public double[] JointVelocityRadPerS { get; }

    /// <summary>Torque commanded to the backend after the safety layer.</summary>
    public double[] JointTorqueNm { get; }
    public double[] ImuQuaternion { get; } = new double[4];
    public double[] GyroRadPerS { get; } = new double[3];
    public double RollRad { get; set; }
    public double PitchRad { get; set; }

    /// <summary>NaN where the backend cannot measure it.</summary>
    public double BaseHeightM { get; set; }

    /// <summary>vx, vy (m/s), yaw rate (rad/s).</summary>
    public double[] Command { get; } = new double[3];

    /// <summary>The last policy action (normalized).</summary>
    public float[] Action { get; }

    /// <summary>
    /// The controller's own compute this tick up to this publish (observation, policy, mapping, safety), without the backend exchange.
    /// </summary>
    public long ComputeNs { get; set; }

    /// <summary>Time spent in the backend's Read and Write this tick (the simulator's physics, or the serial bus).</summary>
    public long BackendNs { get; set; }

    public void CopyTo(TelemetrySample destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Tick = Tick;
        destination.TimestampNs = TimestampNs;
        destination.Mode = Mode;
        JointPositionRad.CopyTo(destination.JointPositionRad, 0);
        JointVelocityRadPerS.CopyTo(destination.JointVelocityRadPerS, 0);
        JointTorqueNm.CopyTo(destination.JointTorqueNm, 0);
        ImuQuaternion.CopyTo(destination.ImuQuaternion, 0);
        GyroRadPerS.CopyTo(destination.GyroRadPerS, 0);
        destination.RollRad = RollRad;
        destination.PitchRad = PitchRad;
        destination.BaseHeightM = BaseHeightM;
        Command.CopyTo(destination.Command, 0);
        Action.CopyTo(destination.Action, 0);
        destination.ComputeNs = ComputeNs;
        destination.BackendNs = BackendNs;
    }
}
