namespace HumanoidRl.Control.Modes;

/// <summary>The controller's modes, from safest to most active. EStop latches torque off.</summary>
public enum ControlMode
{
    /// <summary>Torque off.</summary>
    Passive,

    /// <summary>Zero torque plus joint damping: the safe state every fault falls back to.</summary>
    Damping,

    /// <summary>PD interpolation from the current pose to the default pose.</summary>
    StandUp,

    /// <summary>The learned policy drives the joints.</summary>
    Policy,

    /// <summary>Torque off, latched until ClearFault and an explicit mode change.</summary>
    EStop,
}
