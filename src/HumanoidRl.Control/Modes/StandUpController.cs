using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Modes;

/// <summary>
/// StandUp: holds a target that moves on a smoothstep from the pose at entry to the default pose over the stand-up
/// time, then stays there; complete once the target has reached the default pose.
/// </summary>
internal sealed class StandUpController : IModeController
{
    private readonly PoseHold _hold;
    private readonly double[] _defaultPoseRad;
    private readonly double _standUpS;
    private readonly double[] _startRad;
    private readonly double[] _targetRad;
    private volatile bool _complete;

    public StandUpController(PoseHold hold, double[] defaultPoseRad, double standUpS)
    {
        _hold = hold;
        _defaultPoseRad = defaultPoseRad;
        _standUpS = standUpS;
        _startRad = new double[defaultPoseRad.Length];
        _targetRad = new double[defaultPoseRad.Length];
    }

    public ControlMode Mode => ControlMode.StandUp;

    public bool TorqueEnabled => true;

    /// <summary>Whether the last stand-up reached the default pose; readable from any thread.</summary>
    public bool Complete => _complete;

    public void Enter(SensorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        frame.JointPositionRad.CopyTo(_startRad, 0);
        _complete = false;
    }

    public bool TryComputeTorques(in ModeTick tick, Span<double> torqueNm, out FaultEvent fault)
    {
        var progress = Math.Clamp(tick.SecondsInMode / _standUpS, 0.0, 1.0);
        var smooth = progress * progress * (3 - (2 * progress));
        for (var j = 0; j < torqueNm.Length; j++) _targetRad[j] = _startRad[j] + ((_defaultPoseRad[j] - _startRad[j]) * smooth);
        _hold.TorquesToward(_targetRad, tick.Frame, torqueNm);
        if (progress >= 1) _complete = true;
        fault = default;
        return true;
    }
}
