namespace HumanoidRl.Sim.Environment;

/// <summary>
/// A fixed set of threads, each owning a contiguous block of indices, that run one action over all blocks
/// per <see cref="Run"/> call and then wait. The calling thread works the first block itself. No allocation
/// per call; which thread computes an index never affects the result, only the wall time.
/// </summary>
public sealed class BlockWorkers : IDisposable
{
    private readonly Barrier _start;
    private readonly Barrier _done;
    private readonly Thread[] _threads;
    private readonly int _count;
    private readonly int _blocks;
    private Action<int>? _work;
    private readonly long[] _allocatedBytes;
    private Exception? _workerFailure;
    private volatile bool _stopping;

    public BlockWorkers(int count, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _count = count;
        _blocks = Math.Min(threads, count);
        _start = new Barrier(_blocks);
        _done = new Barrier(_blocks);
        _threads = new Thread[_blocks - 1];
        _allocatedBytes = new long[_blocks];
        for (var block = 1; block < _blocks; block++)
        {
            var owned = block;
            _threads[block - 1] = new Thread(() => WorkerLoop(owned)) { IsBackground = true, Name = $"sim-worker-{block}" };
            _threads[block - 1].Start();
        }
    }

    public int Threads => _blocks;

    /// <summary>Bytes allocated so far by the threads while running blocks (their whole lifetime for workers).</summary>
    public long AllocatedBytes
    {
        get
        {
            long total = 0;
            for (var block = 0; block < _blocks; block++) total += Volatile.Read(ref _allocatedBytes[block]);
            return total;
        }
    }

    /// <summary>Calls <paramref name="work"/>(i) for every index once, spread over the blocks; returns when all are done.</summary>
    public void Run(Action<int> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _work = work;
        _workerFailure = null;
        _start.SignalAndWait();
        Exception? failure = null;
        try
        {
            RunBlock(0);
        }
#pragma warning disable CA1031 // Rethrown after the other blocks finished, so no worker is left mid-step.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
        }
        _done.SignalAndWait();
        if (failure is not null) throw new InvalidOperationException("environment step failed", failure);
        if (_workerFailure is { } workerFailure)
            throw new InvalidOperationException("environment step failed on a worker thread", workerFailure);
    }

    public void Dispose()
    {
        _stopping = true;
        if (_threads.Length > 0) _start.SignalAndWait();
        foreach (var thread in _threads) thread.Join();
        _start.Dispose();
        _done.Dispose();
    }

    private void WorkerLoop(int block)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopping) return;
            try
            {
                RunBlock(block);
            }
#pragma warning disable CA1031 // Reported to the caller by Run.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _workerFailure = e;
            }
            _done.SignalAndWait();
        }
    }

    private void RunBlock(int block)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        RunIndices(block);
        Volatile.Write(ref _allocatedBytes[block], _allocatedBytes[block] + GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    private void RunIndices(int block)
    {
        var begin = (int)((long)_count * block / _blocks);
        var end = (int)((long)_count * (block + 1) / _blocks);
        var work = _work!;
        for (var i = begin; i < end; i++) work(i);
    }
}
