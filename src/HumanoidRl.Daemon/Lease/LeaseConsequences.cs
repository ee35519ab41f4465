using System.Globalization;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Controller;
using HumanoidRl.Daemon.Streaming;
using Change = HumanoidRl.Protocol.V1.LeaseChanged.Types.Change;

namespace HumanoidRl.Daemon.Lease;

/// <summary>
/// What the daemon does when the lease changes: announce it on the event stream, zero the velocity command
/// when the holder leaves, and on a lapse also send the robot to the configured safe mode (with a null
/// <paramref name="lapseMode"/>, stand_still, the mode is kept: a walk policy under a zero command stands still).
/// </summary>
public sealed class LeaseConsequences(RobotController robot, DaemonEvents events, ControlMode? lapseMode) : ILeaseListener
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
        var outcome = ApplyLapseMode();
        var silenceMs = silence.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        events.LeaseChanged(Change.Lapsed, holder,
            $"operator lease of {holder} lapsed: no heartbeat for {silenceMs} ms; velocity command zeroed, {outcome}");
    }

    /// <summary>Requests the configured lapse mode (or keeps the current one) and says what happened.</summary>
    private string ApplyLapseMode()
    {
        if (lapseMode is not { } safeMode) return $"mode kept: {robot.Mode}";
        var outcome = robot.RequestMode(safeMode);
        return outcome.IsApplied ? $"mode set to {safeMode}" : $"could not enter {safeMode}: {outcome.Reason}";
    }
}
