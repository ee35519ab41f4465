using HumanoidRl.Control.Modes;
using HumanoidRl.Daemon.Services;

namespace HumanoidRl.Daemon.Tests.Services;

/// <summary>
/// Stands in for the controller in tests of the gRPC layer: records what the daemon asked for and applies
/// the real ModeRules, so refusals read like the controller's.
/// </summary>
internal sealed class RecordingRobotCommands : IRobotCommands
{
    private readonly Lock _gate = new();
    private readonly List<string> _calls = [];
    private ControlMode _mode = ControlMode.Passive;

    public ControlMode Mode
    {
        get
        {
            lock (_gate) return _mode;
        }
    }

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate) return [.. _calls];
        }
    }

    public string? RequestMode(ControlMode target)
    {
        lock (_gate)
        {
            _calls.Add($"mode {target}");
            var refusal = ModeRules.Refusal(_mode, target, faultLatched: false, standUpComplete: true);
            if (refusal is null) _mode = target;
            return refusal;
        }
    }

    public void SetVelocityCommand(double vxMPerS, double vyMPerS, double yawRateRadPerS)
    {
        lock (_gate) _calls.Add(FormattableString.Invariant($"velocity {vxMPerS} {vyMPerS} {yawRateRadPerS}"));
    }

    public void EStop()
    {
        lock (_gate)
        {
            _calls.Add("estop");
            _mode = ControlMode.EStop;
        }
    }

    public void ClearFault()
    {
        lock (_gate) _calls.Add("clear fault");
    }
}
