using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Safety;

namespace HumanoidRl.Control.Controller;

public enum ControllerEventKind
{
    ModeChanged,
    Fault,
    FaultCleared,
    RequestRefused,
    PolicyLoaded,
}

/// <summary>
/// Something that happened in the loop, recorded without allocation; <see cref="Describe"/> formats it on the
/// reader's thread.
/// </summary>
public readonly record struct ControllerEvent(
    long Sequence, ControllerEventKind Kind, ControlMode From, ControlMode To, FaultEvent Fault, long TimestampNs)
{
    public string Describe() => Kind switch
    {
        ControllerEventKind.ModeChanged => $"mode {From} -> {To}",
        ControllerEventKind.Fault => $"fault in {From}: {Fault.Describe()}; now {To}",
        ControllerEventKind.FaultCleared => "fault cleared",
        ControllerEventKind.RequestRefused => $"request for {To} refused in {From}",
        ControllerEventKind.PolicyLoaded => "policy swapped",
        _ => Kind.ToString(),
    };
}
