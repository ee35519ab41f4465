namespace HumanoidRl.Core.Robot;

/// <summary>One actuated joint: limits, default pose, gains and where its servo is wired.</summary>
public sealed record JointConfig(
    string Name,
    string MjcfJoint,
    string Motor,
    double LowerLimitRad,
    double UpperLimitRad,
    double TorqueLimitNm,
    double VelocityLimitRadPerS,
    double DefaultAngleRad,
    PdGains StandGains,
    PdGains ActionGains,
    ServoWiring Servo);

/// <summary>Joint-space PD gains: tau = Kp (q_target - q) - Kd qdot.</summary>
public sealed record PdGains(double KpNmPerRad, double KdNmSPerRad);

/// <summary>
/// Where a joint's servo sits and how its reading maps to the joint angle:
/// joint angle = <see cref="Direction"/> * (servo angle - <see cref="ZeroOffsetRad"/>).
/// </summary>
public sealed record ServoWiring(string Bus, int MotorId, int Direction, double ZeroOffsetRad);
