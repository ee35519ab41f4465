namespace HumanoidRl.Control.Loop;

/// <summary>How one policy warm-up before an inference tick's deadline went.</summary>
/// <param name="PastDeadline">The first warm-up call ended after the deadline (the lead was too short for it).</param>
/// <param name="Repeats">Calls that repeated the warm-up to keep it warm until shortly before the deadline.</param>
/// <param name="RepeatsPastDeadline">The last repeat ended after the deadline, making the tick late.</param>
public readonly record struct PrewarmOutcome(bool PastDeadline, int Repeats, bool RepeatsPastDeadline)
{
    /// <summary>No warm-up ran: the tick was already late, and a warm-up would make it later.</summary>
    public static PrewarmOutcome Skipped => default;
}
