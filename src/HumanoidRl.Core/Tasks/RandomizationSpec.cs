namespace HumanoidRl.Core.Tasks;

/// <summary>
/// Domain randomization ranges, resampled at every episode reset (pushes during the episode). The nominal
/// model is restored before each resample, so ranges never compound.
/// </summary>
public sealed record RandomizationSpec
{
    /// <summary>Every link's mass (and inertia) times a factor from this range.</summary>
    public UniformRange LinkMassScale { get; init; } = UniformRange.Fixed(1);

    /// <summary>Extra mass added to the base body (kg), e.g. a battery or payload.</summary>
    public UniformRange PayloadKg { get; init; } = UniformRange.Fixed(0);

    /// <summary>Sliding friction coefficient of the feet and floor.</summary>
    public UniformRange Friction { get; init; } = UniformRange.Fixed(1);

    /// <summary>Per-joint factor on the torque the motor actually delivers.</summary>
    public UniformRange MotorStrengthScale { get; init; } = UniformRange.Fixed(1);

    /// <summary>Loop ticks between the policy's action and its effect on the motors.</summary>
    public UniformRange ActionDelayTicks { get; init; } = UniformRange.Fixed(0);

    /// <summary>Loop ticks between the physics state and the sensor frame the policy sees.</summary>
    public UniformRange ObservationDelayTicks { get; init; } = UniformRange.Fixed(0);

    /// <summary>Per-joint factor on joint damping.</summary>
    public UniformRange JointDampingScale { get; init; } = UniformRange.Fixed(1);

    /// <summary>Per-joint factor on rotor armature.</summary>
    public UniformRange ArmatureScale { get; init; } = UniformRange.Fixed(1);

    /// <summary>Per-joint factor on Kp and Kd in PD-target mode.</summary>
    public UniformRange PdGainScale { get; init; } = UniformRange.Fixed(1);

    /// <summary>Whether the per-term observation noise of the task applies.</summary>
    public bool ObservationNoise { get; init; }

    /// <summary>Seconds between pushes; no pushes when Max is 0.</summary>
    public UniformRange PushIntervalS { get; init; } = UniformRange.Fixed(0);

    /// <summary>Horizontal base velocity change of one push (m/s), direction uniform.</summary>
    public UniformRange PushVelocityMPerS { get; init; } = UniformRange.Fixed(0);

    /// <summary>How long a push force acts (s); the force is sized to give the velocity change.</summary>
    public double PushDurationS { get; init; } = 0.1;

    public bool PushesEnabled => PushIntervalS.Max > 0 && PushVelocityMPerS.Max > 0;
}
