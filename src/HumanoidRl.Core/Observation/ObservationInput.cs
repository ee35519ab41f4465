using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Core.Observation;

/// <summary>Everything one observation is built from besides the sensors: policy-side state.</summary>
/// <param name="Frame">The latest sensor frame (possibly delayed by the latency model).</param>
/// <param name="LastAction">The previous normalized action, joint count long.</param>
/// <param name="Command">vx (m/s), vy (m/s), yaw rate (rad/s).</param>
/// <param name="PhaseRad">Gait clock phase.</param>
public readonly ref struct ObservationInput(SensorFrame frame, ReadOnlySpan<float> lastAction, ReadOnlySpan<float> command, double phaseRad)
{
    public SensorFrame Frame { get; } = frame;

    public ReadOnlySpan<float> LastAction { get; } = lastAction;

    public ReadOnlySpan<float> Command { get; } = command;

    public double PhaseRad { get; } = phaseRad;
}
