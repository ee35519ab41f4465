using System.Collections.Immutable;

namespace HumanoidRl.Core.Robot;

/// <summary>A servo model's datasheet figures; joint limits must stay within them.</summary>
public sealed record MotorSpec(string Model, double StallTorqueNm, double NoLoadSpeedRadPerS, double TorqueConstantNmPerA);

/// <summary>A Dynamixel Protocol 2.0 serial bus.</summary>
public sealed record BusConfig(string Name, string Port, int BaudRate);

/// <summary>The IMU on a motor bus and how its axes map onto the body axes.</summary>
public sealed record ImuConfig(string Bus, int DeviceId, ImmutableArray<ImuAxis> AxisMap);

/// <summary>The IMU axis (0 = x, 1 = y, 2 = z) and sign that measure one body axis.</summary>
public readonly record struct ImuAxis(int SourceAxis, int Sign)
{
    public override string ToString() => $"{(Sign < 0 ? '-' : '+')}{"xyz"[SourceAxis]}";
}
