namespace HumanoidRl.Control.Controller;

/// <summary>
/// What became of an operator request to the controller: applied, or not, with the reason in words an operator can act
/// on (the daemon passes it on as the gRPC error's text).
/// </summary>
public readonly record struct CommandOutcome
{
    private CommandOutcome(string? reason) => Reason = reason;

    public static CommandOutcome Applied => default;

    /// <summary>
    /// Why the request was refused (naming the current mode), or why its effect is not known (a stalled loop); null once applied.
    /// </summary>
    public string? Reason { get; }

    public bool IsApplied => Reason is null;

    public static CommandOutcome Refused(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new CommandOutcome(reason);
    }

    public override string ToString() => Reason ?? "applied";
}
