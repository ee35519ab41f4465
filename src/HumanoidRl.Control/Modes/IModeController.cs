using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Modes;

/// <summary>
/// The torques of one mode, as ros2_control separates a controller from the manager that switches them:
/// <see cref="ModeManager"/> decides which mode runs, the mode's controller only what it commands. Loop thread only;
/// no allocation.
/// </summary>
internal interface IModeController
{
    ControlMode Mode { get; }

    /// <summary>Whether the motors are driven in this mode (false: the backend turns torque off).</summary>
    bool TorqueEnabled { get; }

    /// <summary>Called as the loop enters the mode, with the frame read in that tick.</summary>
    void Enter(SensorFrame frame);

    /// <summary>Fills the tick's torques; false (with the fault) when the mode cannot go on.</summary>
    bool TryComputeTorques(in ModeTick tick, Span<double> torqueNm, out FaultEvent fault);
}

/// <summary>What a mode controller sees of one tick.</summary>
/// <param name="Frame">The sensor frame read in this tick.</param>
/// <param name="Command">The operator's velocity command (forward, lateral, yaw rate) as the policy takes it.</param>
/// <param name="SecondsInMode">Loop time since the mode was entered, counted in ticks.</param>
/// <param name="NowNs">Monotonic time of the tick's start.</param>
internal readonly ref struct ModeTick(SensorFrame frame, ReadOnlySpan<float> command, double secondsInMode, long nowNs)
{
    public SensorFrame Frame { get; } = frame;

    public ReadOnlySpan<float> Command { get; } = command;

    public double SecondsInMode { get; } = secondsInMode;

    public long NowNs { get; } = nowNs;
}
