namespace HumanoidRl.Control.Modes;

/// <summary>Passive: torque off, the joints move freely.</summary>
internal sealed class PassiveController : TorqueOffController
{
    public override ControlMode Mode => ControlMode.Passive;
}
