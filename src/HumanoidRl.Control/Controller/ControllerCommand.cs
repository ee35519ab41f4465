using HumanoidRl.Control.Modes;

namespace HumanoidRl.Control.Controller;

internal enum ControllerCommandKind
{
    SetMode,
    EStop,
    ClearFault,
    SwapPolicy,
}

/// <summary>
/// A request from another thread, applied by the loop at the start of its next tick. The loop completes
/// <paramref name="Reply"/>, when given, with whether it applied the request.
/// </summary>
internal readonly record struct ControllerCommand(
    ControllerCommandKind Kind, ControlMode Mode, PolicySwap? Swap = null, TaskCompletionSource<bool>? Reply = null);

/// <summary>A policy waiting to be swapped in; the loop answers through the completion.</summary>
internal sealed class PolicySwap(PolicyRuntime runtime)
{
    public PolicyRuntime Runtime { get; } = runtime;

    /// <summary>Completed by the loop with the runtime it replaced (null if none), or failed with the refusal.</summary>
    public TaskCompletionSource<PolicyRuntime?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The operator's velocity command, published as one immutable object so the loop never reads a torn one.</summary>
internal sealed record VelocityCommand(double ForwardMPerS, double LateralMPerS, double YawRateRadPerS)
{
    public static VelocityCommand Zero { get; } = new(0, 0, 0);
}

/// <summary>What became of a request handed to the loop.</summary>
internal enum LoopAnswer
{
    Applied,
    Refused,
    NotAnswered,
}
