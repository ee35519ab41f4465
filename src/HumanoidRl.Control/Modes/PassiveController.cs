using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Modes;

/// <summary>Passive: torque off, the joints move freely.</summary>
internal sealed class PassiveController : IModeController
{
    public ControlMode Mode => ControlMode.Passive;

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
