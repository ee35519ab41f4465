using System.Runtime;

namespace HumanoidRl.Control.Loop;

/// <summary>
/// What the loop measures about itself: wake-up jitter, the controller's compute and the backend's time per tick
/// (split by <see cref="Phases"/>), ticks, backend errors, policy warm-ups, and the bytes allocated and methods
/// compiled on the loop thread. Written by the loop thread without allocation; readable from any thread.
/// </summary>
internal sealed class LoopStatistics
{
    private long _ticks;
    private long _backendErrors;
    private long _prewarmsPastDeadline;
    private long _prewarmRepeats;
    private long _prewarmRepeatsPastDeadline;
    private long _allocatedBytes;
    private long _allocatedAtReset;
    private long _compiledMethods;
    private long _compiledBeforeTicks;

    /// <summary>Wake-up lateness against each deadline.</summary>
    public LatencyHistogram Jitter { get; } = new(LatencyHistogram.LoopRangeUs);

    /// <summary>The controller's own time per tick, telemetry publishing included, the backend exchange not.</summary>
    public LatencyHistogram Compute { get; } = new(LatencyHistogram.LoopRangeUs);

    /// <summary>Time per tick in the backend's Read and Write.</summary>
    public LatencyHistogram Backend { get; } = new(LatencyHistogram.LoopRangeUs);

    /// <summary>The current tick's split into backend time and the controller's compute.</summary>
    public TickPhaseTimer Phases { get; } = new();

    /// <summary>Ticks run so far; also the number of the tick running.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Loop thread: the number of the tick running (the ticks before it).</summary>
    public long CurrentTick => _ticks;

    /// <summary>Ticks whose backend Read or Write failed.</summary>
    public long BackendErrors => Interlocked.Read(ref _backendErrors);

    /// <summary>Policy warm-ups that ended after the deadline of the tick they were for.</summary>
    public long PrewarmsPastDeadline => Interlocked.Read(ref _prewarmsPastDeadline);

    /// <summary>Calls that repeated a policy warm-up to keep it warm until shortly before its tick's deadline.</summary>
    public long PrewarmRepeats => Interlocked.Read(ref _prewarmRepeats);

    /// <summary>Inference ticks whose last warm-up repeat ended after their deadline, making them late.</summary>
    public long PrewarmRepeatsPastDeadline => Interlocked.Read(ref _prewarmRepeatsPastDeadline);

    /// <summary>Bytes the loop thread allocated since the last <see cref="Reset"/>, as of its last tick.</summary>
    public long AllocatedBytesSinceReset => Volatile.Read(ref _allocatedBytes) - Volatile.Read(ref _allocatedAtReset);

    /// <summary>
    /// Methods the JIT compiled on the loop thread since <see cref="StartCountingCompiledMethods"/>, as of its last tick.
    /// </summary>
    public long CompiledMethods => Volatile.Read(ref _compiledMethods);

    /// <summary>Loop thread, before its first tick: what it compiled so far, applying the real-time options, is not counted.</summary>
    public void StartCountingCompiledMethods() => _compiledBeforeTicks = JitInfo.GetCompiledMethodCount(currentThread: true);

    public void CountBackendError() => Interlocked.Increment(ref _backendErrors);

    public void Record(in PrewarmOutcome outcome)
    {
        if (outcome.PastDeadline) Interlocked.Increment(ref _prewarmsPastDeadline);
        if (outcome.Repeats > 0) Interlocked.Add(ref _prewarmRepeats, outcome.Repeats);
        if (outcome.RepeatsPastDeadline) Interlocked.Increment(ref _prewarmRepeatsPastDeadline);
    }

    /// <summary>
    /// Loop thread, last in each tick: records its jitter, its compute up to <paramref name="nowNs"/> and its backend time,
    /// counts it, and reads the thread's allocation and JIT counters.
    /// </summary>
    public void EndTick(long lateNs, long nowNs)
    {
        Jitter.Record(lateNs);
        Compute.Record(Phases.ControllerNs(nowNs));
        Backend.Record(Phases.BackendNs);
        Interlocked.Increment(ref _ticks);
        Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        Volatile.Write(ref _compiledMethods, JitInfo.GetCompiledMethodCount(currentThread: true) - _compiledBeforeTicks);
    }

    /// <summary>Clears the jitter, compute and backend histograms and starts the allocation count again.</summary>
    public void Reset()
    {
        Jitter.Clear();
        Compute.Clear();
        Backend.Clear();
        Volatile.Write(ref _allocatedAtReset, Volatile.Read(ref _allocatedBytes));
    }
}
