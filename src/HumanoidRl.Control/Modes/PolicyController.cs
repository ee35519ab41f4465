using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Action;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Modes;

/// <summary>
/// Policy: steps the loaded policy every tick and, during the soft start after the hand-over, blends its torques
/// with the hold of the default pose. The mode rules keep the loop out of this mode until a policy is loaded.
/// </summary>
internal sealed class PolicyController : IModeController
{
    private readonly SafetyLayer _safety;
    private readonly PoseHold _hold;
    private readonly double[] _defaultPoseRad;
    private readonly double[] _holdTorqueNm;
    private PolicyRuntime? _runtime;

    public PolicyController(SafetyLayer safety, PoseHold hold, double[] defaultPoseRad)
    {
        _safety = safety;
        _hold = hold;
        _defaultPoseRad = defaultPoseRad;
        _holdTorqueNm = new double[defaultPoseRad.Length];
    }

    public ControlMode Mode => ControlMode.Policy;

    public bool TorqueEnabled => true;

    /// <summary>The loaded policy, or null; swapped by the loop thread (or before it starts), readable from any thread.</summary>
    public PolicyRuntime? Runtime => Volatile.Read(ref _runtime);

    /// <summary>
    /// Installs a policy and returns the one it replaces: on the loop thread outside Policy mode (the manager checks), or
    /// before the loop starts.
    /// </summary>
    public PolicyRuntime? Swap(PolicyRuntime runtime)
    {
        var previous = _runtime;
        Volatile.Write(ref _runtime, runtime);
        return previous;
    }

    public void Enter(SensorFrame frame) => _runtime!.Reset();

    public bool TryComputeTorques(in ModeTick tick, Span<double> torqueNm, out FaultEvent fault)
    {
        if (!_runtime!.Tick(tick.Frame, tick.Command, torqueNm, tick.NowNs, out fault)) return false;
        var weight = _safety.SoftStartWeight(tick.SecondsInMode);
        if (weight < 1)
        {
            _hold.TorquesToward(_defaultPoseRad, tick.Frame, _holdTorqueNm);
            SoftStart.Blend(torqueNm, _holdTorqueNm, weight);
        }
        return true;
    }
}
