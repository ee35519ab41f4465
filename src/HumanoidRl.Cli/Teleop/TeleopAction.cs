using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Cli.Teleop;

public enum TeleopActionKind
{
    /// <summary>A key with no meaning.</summary>
    None,
    SetVelocity,
    SetMode,
    /// <summary>Velocity to zero, then Damping.</summary>
    Stop,
    EStop,
    ClearFault,
    Quit,
}

/// <summary>What one key press asks the daemon for.</summary>
public sealed record TeleopAction(
    TeleopActionKind Kind,
    V1.Mode Mode = V1.Mode.Unspecified,
    double VxMPerS = 0,
    double VyMPerS = 0,
    double YawRateRadPerS = 0)
{
    public static TeleopAction None { get; } = new(TeleopActionKind.None);
}
