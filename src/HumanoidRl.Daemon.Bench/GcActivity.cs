namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// Garbage collections of the whole process, the time they suspended its managed threads, and the bytes allocated that
/// lead to them: the loop thread is one of those threads, so a collection caused by the gRPC side pauses the loop too.
/// </summary>
public readonly record struct GcActivity(int Collections, TimeSpan Pause, long AllocatedBytes)
{
    /// <summary>
    /// Collections of any generation (every one counts as a generation-0 collection), their pauses and the bytes allocated by every thread
    /// since the process started.
    /// </summary>
    public static GcActivity SoFar() => new(GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    public static GcActivity operator +(GcActivity left, GcActivity right) =>
        new(left.Collections + right.Collections, left.Pause + right.Pause, left.AllocatedBytes + right.AllocatedBytes);

    public static GcActivity operator -(GcActivity left, GcActivity right) =>
        new(left.Collections - right.Collections, left.Pause - right.Pause, left.AllocatedBytes - right.AllocatedBytes);
}
