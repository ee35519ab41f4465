namespace HumanoidRl.Core.Observation;

/// <summary>The measurable quantities an actor observation may contain.</summary>
public enum ObservationTermKind
{
    /// <summary>IMU angular velocity (3), rad/s.</summary>
    Gyro,

    /// <summary>Gravity direction in the IMU frame (3), unit vector.</summary>
    ProjectedGravity,

    /// <summary>Roll and pitch of the IMU frame (2), rad.</summary>
    RollPitch,

    /// <summary>Joint positions minus the default pose (joint count), rad.</summary>
    JointPositions,

    /// <summary>Joint velocities (joint count), rad/s.</summary>
    JointVelocities,

    /// <summary>The previous policy action (joint count), normalized.</summary>
    LastAction,

    /// <summary>Velocity command vx, vy (m/s), yaw rate (rad/s) (3).</summary>
    Command,

    /// <summary>Gait phase clock sin, cos (2).</summary>
    PhaseClock,
}

/// <summary>
/// One term of the observation: value * Scale, plus uniform noise of +-NoiseAmplitude (in scaled units,
/// training only), then clipped to +-Clip.
/// </summary>
public sealed record ObservationTerm(ObservationTermKind Kind, double Scale = 1.0, double Clip = 100.0, double NoiseAmplitude = 0.0)
{
    /// <summary>Contract name of the term (snake_case), as written to policy metadata.</summary>
    public string Name => Kind switch
    {
        ObservationTermKind.Gyro => "gyro",
        ObservationTermKind.ProjectedGravity => "projected_gravity",
        ObservationTermKind.RollPitch => "roll_pitch",
        ObservationTermKind.JointPositions => "joint_positions",
        ObservationTermKind.JointVelocities => "joint_velocities",
        ObservationTermKind.LastAction => "last_action",
        ObservationTermKind.Command => "command",
        ObservationTermKind.PhaseClock => "phase_clock",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown observation term"),
    };

    public int Size(int jointCount) => Kind switch
    {
        ObservationTermKind.Gyro or ObservationTermKind.ProjectedGravity or ObservationTermKind.Command => 3,
        ObservationTermKind.RollPitch or ObservationTermKind.PhaseClock => 2,
        ObservationTermKind.JointPositions or ObservationTermKind.JointVelocities or ObservationTermKind.LastAction => jointCount,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown observation term"),
    };

    public static ObservationTermKind ParseKind(string name) => name switch
    {
        "gyro" => ObservationTermKind.Gyro,
        "projected_gravity" => ObservationTermKind.ProjectedGravity,
        "roll_pitch" => ObservationTermKind.RollPitch,
        "joint_positions" => ObservationTermKind.JointPositions,
        "joint_velocities" => ObservationTermKind.JointVelocities,
        "last_action" => ObservationTermKind.LastAction,
        "command" => ObservationTermKind.Command,
        "phase_clock" => ObservationTermKind.PhaseClock,
        _ => throw new FormatException(
            $"unknown observation term '{name}' (expected one of gyro, projected_gravity, roll_pitch, joint_positions, joint_velocities, last_action, command, phase_clock)"),
    };
}
