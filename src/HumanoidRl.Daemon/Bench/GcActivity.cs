namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// Garbage collections of the whole process and the time they suspended its managed threads: the loop thread is one
/// of them, so a collection caused by the gRPC side pauses the loop too.
/// </summary>
public readonly record struct GcActivity(int Collections, TimeSpan Pause)
{
    /// <summary>Collections of any generation (every one counts as a generation-0 collection) and their pauses since the process started.</summary>
    public static GcActivity SoFar() => new(GC.CollectionCount(0), GC.GetTotalPauseDuration());

    public static GcActivity operator +(GcActivity left, GcActivity right) => new(left.Collections + right.Collections, left.Pause + right.Pause);

    public static GcActivity operator -(GcActivity left, GcActivity right) => new(left.Collections - right.Collections, left.Pause - right.Pause);
}
