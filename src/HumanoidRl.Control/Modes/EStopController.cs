using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Modes;

/// <summary>EStop: torque off; the latch that keeps the loop here until ClearFault is the manager's.</summary>
internal sealed class EStopController : IModeController
{
    public ControlMode Mode => ControlMode.EStop;

    public bool TorqueEnabled => false;

    public void Enter(SensorFrame frame)
    {
    }

    public bool TryComputeTorques(in ModeTick tick, Span<double> torqueNm, out FaultEvent fault)
    {
        torqueNm.Clear();
        fault = default;
        return true;
    }
}
