namespace HumanoidRl.Core.Observation;

/// <summary>
/// A measurable quantity an actor observation may contain: its contract name (written to policy metadata), its
/// size and how it is measured. A kind is one class (in Terms/) plus one line in <see cref="All"/>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ObservationTermKindJsonConverter))]
public abstract class ObservationTermKind
{
    /// <summary>IMU angular velocity (3), rad/s.</summary>
    public static readonly ObservationTermKind Gyro = new Terms.GyroTerm();

    /// <summary>Gravity direction in the IMU frame (3), unit vector.</summary>
    public static readonly ObservationTermKind ProjectedGravity = new Terms.ProjectedGravityTerm();

    /// <summary>Roll and pitch of the IMU frame (2), rad.</summary>
    public static readonly ObservationTermKind RollPitch = new Terms.RollPitchTerm();

    /// <summary>Joint positions minus the default pose (joint count), rad.</summary>
    public static readonly ObservationTermKind JointPositions = new Terms.JointPositionsTerm();

    /// <summary>Joint velocities (joint count), rad/s.</summary>
    public static readonly ObservationTermKind JointVelocities = new Terms.JointVelocitiesTerm();

    /// <summary>The previous policy action (joint count), normalized.</summary>
    public static readonly ObservationTermKind LastAction = new Terms.LastActionTerm();

    /// <summary>Velocity command vx, vy (m/s), yaw rate (rad/s) (3).</summary>
    public static readonly ObservationTermKind Command = new Terms.CommandTerm();

    /// <summary>Gait phase clock sin, cos (2).</summary>
    public static readonly ObservationTermKind PhaseClock = new Terms.PhaseClockTerm();

    /// <summary>Every kind a task or a policy contract may name.</summary>
    public static IReadOnlyList<ObservationTermKind> All { get; } =
    [
        Gyro,
        ProjectedGravity,
        RollPitch,
        JointPositions,
        JointVelocities,
        LastAction,
        Command,
        PhaseClock,
    ];

    /// <summary>Contract name of the term (snake_case), as written to policy metadata.</summary>
    public abstract string Name { get; }

    /// <summary>Values the term contributes to one frame.</summary>
    public abstract int Size(int jointCount);

    /// <summary>Writes the term's unscaled values (Size long), allocation-free.</summary>
    /// <param name="defaultJointAngleRad">The default pose, which joint positions are measured from.</param>
    public abstract void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values);

    /// <summary>The kind with the contract name; FormatException naming the known ones otherwise.</summary>
    public static ObservationTermKind Parse(string name) =>
        All.FirstOrDefault(kind => kind.Name == name)
        ?? throw new FormatException($"unknown observation term '{name}' (expected one of {string.Join(", ", All.Select(k => k.Name))})");

    public override string ToString() => Name;
}
