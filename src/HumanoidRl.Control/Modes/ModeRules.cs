namespace HumanoidRl.Control.Modes;

/// <summary>
/// Which operator-requested transitions are legal: up and down the ladder
/// Passive - Damping - StandUp - Policy one rung at a time (stepping down to Damping is always allowed),
/// EStop from anywhere, and out of EStop only to Passive or Damping after ClearFault; Policy only with a policy loaded.
/// </summary>
public static class ModeRules
{
    /// <summary>As <see cref="Refusal(ControlMode, ControlMode, bool, bool)"/>, and Policy is refused while no policy is loaded.</summary>
    public static string? Refusal(ControlMode current, ControlMode target, bool faultLatched, bool standUpComplete, bool policyLoaded)
    {
        if (target == ControlMode.Policy && current != ControlMode.Policy && !policyLoaded)
            return $"current mode is {current}: no policy is loaded";
        return Refusal(current, target, faultLatched, standUpComplete);
    }

    /// <summary>Null when the transition is legal, otherwise why not (naming the current mode).</summary>
    public static string? Refusal(ControlMode current, ControlMode target, bool faultLatched, bool standUpComplete)
    {
        if (target == current) return null;
        if (target == ControlMode.EStop) return null;
        if (current == ControlMode.EStop)
        {
            if (faultLatched) return "current mode is EStop: clear the fault first (ClearFault), then choose Passive or Damping";
            return target is ControlMode.Passive or ControlMode.Damping
                ? null
                : $"current mode is EStop: only Passive or Damping may follow an e-stop, not {target}";
        }
        if (target == ControlMode.Damping) return null;
        return (current, target) switch
        {
            (ControlMode.Damping, ControlMode.Passive) => null,
            (ControlMode.Damping, ControlMode.StandUp) => null,
            (ControlMode.StandUp, ControlMode.Policy) => standUpComplete
                ? null
                : "current mode is StandUp and the robot has not reached the default pose yet: wait for stand-up to finish",
            (ControlMode.Policy, ControlMode.StandUp) => null,
            _ => $"current mode is {current}: {target} is not reachable from it " +
                 $"(allowed: {string.Join(", ", Reachable(current))})",
        };
    }

    /// <summary>Targets legal from a mode (ignoring the stand-up completion and fault latch conditions).</summary>
    public static IEnumerable<ControlMode> Reachable(ControlMode current) => current switch
    {
        ControlMode.Passive => [ControlMode.Damping, ControlMode.EStop],
        ControlMode.Damping => [ControlMode.Passive, ControlMode.StandUp, ControlMode.EStop],
        ControlMode.StandUp => [ControlMode.Damping, ControlMode.Policy, ControlMode.EStop],
        ControlMode.Policy => [ControlMode.StandUp, ControlMode.Damping, ControlMode.EStop],
        ControlMode.EStop => [ControlMode.Passive, ControlMode.Damping],
        _ => [],
    };
}
