namespace HumanoidRl.Core.Action;

/// <summary>How a normalized policy action in [-1, 1] becomes joint torques.</summary>
public enum ActionMode
{
    /// <summary>Torque = action x ActionScale x per-joint torque limit.</summary>
    Torque,

    /// <summary>PD target = default angle + action x ActionScale (rad); torque = Kp (target - q) - Kd q'.</summary>
    PdTarget,
}
