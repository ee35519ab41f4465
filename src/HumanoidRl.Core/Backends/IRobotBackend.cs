using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Core.Backends;

/// <summary>
/// The robot (or its simulator) as the control loop sees it, in the ros2_control shape: a lifecycle
/// (Configure -> Activate -> Deactivate) and one Read and one Write per loop tick. Nothing above a backend
/// knows which one it is, except through <see cref="IsSimulated"/> for what only a simulation allows. Read and
/// Write run on the loop thread, must not allocate after Activate, and must bound every I/O by a timeout.
/// </summary>
public interface IRobotBackend : IDisposable
{
    /// <summary>Short name for status and logs ("simulator", "dynamixel").</summary>
    string Name { get; }

    /// <summary>
    /// True when no motors are behind the backend (a simulation whose physics advances only with Write): the loop may
    /// then pause between ticks, for benchmarks. On a robot a paused loop stops commanding the motors.
    /// </summary>
    bool IsSimulated { get; }

    /// <summary>Joints in policy order.</summary>
    int JointCount { get; }

    /// <summary>Opens devices and checks that the robot matches the config; throws naming what is wrong.</summary>
    void Configure();

    /// <summary>Enables the motors (torque on).</summary>
    void Activate();

    /// <summary>Disables the motors (torque off). Safe to call in any state.</summary>
    void Deactivate();

    /// <summary>
    /// Fills the frame with the latest measurement (TimestampNs on the monotonic clock). Returns false when the
    /// read failed; the loop counts failures and falls back to Damping beyond the configured bound.
    /// </summary>
    bool Read(SensorFrame frame);

    /// <summary>Base height above the floor (m) where the backend knows it (simulator), otherwise NaN.</summary>
    double BaseHeightM { get; }

    /// <summary>Commands joint torques; with torqueEnabled false the motors go limp whatever the torques.</summary>
    bool Write(ReadOnlySpan<double> torqueNm, bool torqueEnabled);
}
