using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Modes;

/// <summary>The modes that command no torque: nothing to prepare on entry, zero torque every tick.</summary>
internal abstract class TorqueOffController : IModeController
{
    public abstract ControlMode Mode { get; }

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
