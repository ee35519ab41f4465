using System.Collections.Concurrent;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Streaming;

/// <summary>
/// A RobotState message shared by the StreamState subscribers that take it, and filled again for a later tick once the
/// last of them has written it: a new message per tick would be most of the daemon's garbage, and each collection
/// pauses the loop thread too. A subscriber dropped with messages still queued never releases them: the pool loses
/// them to the garbage collector and makes new ones.
/// </summary>
public sealed class SharedState : ISharedItem
{
    private readonly Pool _pool;
    private int _references;

    private SharedState(Pool pool) => _pool = pool;

    public V1.RobotState Message { get; } = new();

    public void Retain() => Interlocked.Increment(ref _references);

    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0) _pool.Return(this);
        else if (left < 0) throw new InvalidOperationException("a shared RobotState was released more often than it was retained");
    }

    /// <summary>The free messages. One thread rents (the telemetry pump); any thread returns.</summary>
    public sealed class Pool
    {
        // More than all subscribers' queues hold at once in practice; beyond it returned messages are left to the GC.
        private const int MaxFree = 1024;
        private readonly ConcurrentQueue<SharedState> _free = new();

        /// <summary>A message to fill, holding one reference: the caller's, to release once it has offered it.</summary>
        public SharedState Rent()
        {
            if (!_free.TryDequeue(out var state)) state = new SharedState(this);
            state._references = 1;
            return state;
        }

        internal void Return(SharedState state)
        {
            if (_free.Count < MaxFree) _free.Enqueue(state);
        }
    }
}
