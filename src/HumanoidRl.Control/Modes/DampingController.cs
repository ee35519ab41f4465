using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Modes;

/// <summary>Damping: zero position gain, torque against each joint's velocity; the safe state every fault falls back to.</summary>
internal sealed class DampingController(double[] dampingKdNmSPerRad) : IModeController
{
    public ControlMode Mode => ControlMode.Damping;

    public bool TorqueEnabled => true;

    public void Enter(SensorFrame frame)
    {
    }

    public bool TryComputeTorques(in ModeTick tick, Span<double> torqueNm, out FaultEvent fault)
    {
        var velocityRadPerS = tick.Frame.JointVelocityRadPerS;
        for (var j = 0; j < torqueNm.Length; j++) torqueNm[j] = -dampingKdNmSPerRad[j] * velocityRadPerS[j];
        fault = default;
        return true;
    }
}
