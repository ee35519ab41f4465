using HumanoidRl.Control.Modes;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Services;

/// <summary>Control modes on the wire and in the controller.</summary>
public static class ModeNames
{
    public static V1.Mode ToProto(ControlMode mode) => mode switch
    {
        ControlMode.Passive => V1.Mode.Passive,
        ControlMode.Damping => V1.Mode.Damping,
        ControlMode.StandUp => V1.Mode.StandUp,
        ControlMode.Policy => V1.Mode.Policy,
        ControlMode.EStop => V1.Mode.Estop,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown control mode"),
    };

    /// <summary>Null for MODE_UNSPECIFIED or a number this build does not know.</summary>
    public static ControlMode? FromProto(V1.Mode mode) => mode switch
    {
        V1.Mode.Passive => ControlMode.Passive,
        V1.Mode.Damping => ControlMode.Damping,
        V1.Mode.StandUp => ControlMode.StandUp,
        V1.Mode.Policy => ControlMode.Policy,
        V1.Mode.Estop => ControlMode.EStop,
        _ => null,
    };
}
