using System.Globalization;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Controller;
using HumanoidRl.Daemon.Streaming;
using Change = HumanoidRl.Protocol.V1.LeaseChanged.Types.Change;

namespace HumanoidRl.Daemon.Lease;

/// <summary>
/// What the daemon does when the lease changes: announce it on the event stream, zero the velocity command
/// when the holder leaves, and on a lapse also send the robot to the configured safe mode.
/// </summary>
public sealed class LeaseConsequences(RobotController robot, DaemonEvents events, ControlMode lapseMode) : ILeaseListener
{
    public void Acquired(string holder) =>
        events.LeaseChanged(Change.Acquired, holder, $"operator lease acquired by {holder}");

    public void Released(string holder)
    {
        robot.SetVelocityCommand(0, 0, 0);
        events.LeaseChanged(Change.Released, holder, $"operator lease released by {holder}; velocity command zeroed");
    }

    public void Lapsed(string holder, TimeSpan silence)
    {
        robot.SetVelocityCommand(0, 0, 0);
        var refusal = robot.RequestMode(lapseMode);
        var outcome = refusal is null ? $"mode set to {lapseMode}" : $"could not enter {lapseMode}: {refusal}";
        var silenceMs = silence.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        events.LeaseChanged(Change.Lapsed, holder,
            $"operator lease of {holder} lapsed: no heartbeat for {silenceMs} ms; velocity command zeroed, {outcome}");
    }
}
