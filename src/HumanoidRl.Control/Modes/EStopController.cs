namespace HumanoidRl.Control.Modes;

/// <summary>EStop: torque off; the latch that keeps the loop here until ClearFault is the manager's.</summary>
internal sealed class EStopController : TorqueOffController
{
    public override ControlMode Mode => ControlMode.EStop;
}
