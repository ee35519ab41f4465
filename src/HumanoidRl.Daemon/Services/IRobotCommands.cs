using HumanoidRl.Control.Modes;

namespace HumanoidRl.Daemon.Services;

/// <summary>
/// What the gRPC layer asks of the controller (mirrors HumanoidRl.Control's RobotController command API, which
/// implements it through a one-line-per-member adapter). Every member is thread-safe and never blocks on the loop.
/// </summary>
public interface IRobotCommands
{
    ControlMode Mode { get; }

    /// <summary>Null when accepted, otherwise why not (naming the current mode).</summary>
    string? RequestMode(ControlMode target);

    void SetVelocityCommand(double vxMPerS, double vyMPerS, double yawRateRadPerS);

    void EStop();

    void ClearFault();
}
