using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>What happens to one device's next reply.</summary>
public enum ReplyFault
{
    None,

    /// <summary>The device stays silent (the host times out).</summary>
    Drop,

    /// <summary>The reply's low CRC byte is inverted (the host sees a CRC error).</summary>
    CorruptCrc,

    /// <summary>The reply is sent after a delay (the host may time out and find it later as stale bytes).</summary>
    Late,
}

/// <summary>
/// Fault injection for the virtual bus, per device and counted in replies ("drop the next 3 replies of ID 2"),
/// or for every reply with a probability (a noisy line). Set from any thread; consumed by the bus thread.
/// Drop wins over corrupt, corrupt over late; counted faults before random ones.
/// </summary>
public sealed class VirtualBusFaults
{
    private readonly int[] _drop = new int[PacketLayout.MaxDeviceId + 1];
    private readonly int[] _corrupt = new int[PacketLayout.MaxDeviceId + 1];
    private readonly int[] _late = new int[PacketLayout.MaxDeviceId + 1];
    private readonly int[] _lateDelayMs = new int[PacketLayout.MaxDeviceId + 1];
    private RandomFaults? _random;
    private long _injectedDrops;
    private long _injectedCorruptions;

    /// <summary>Replies dropped so far (counted and random).</summary>
    public long InjectedDrops => Interlocked.Read(ref _injectedDrops);

    /// <summary>Replies sent with a broken CRC so far (counted and random).</summary>
    public long InjectedCorruptions => Interlocked.Read(ref _injectedCorruptions);

    /// <summary>
    /// Every reply is dropped with <paramref name="dropProbability"/>, else corrupted with
    /// <paramref name="corruptProbability"/>; <paramref name="seed"/> makes a run repeatable. 0 and 0 turn it off.
    /// </summary>
    public void SetRandomFaults(double dropProbability, double corruptProbability, int seed)
    {
        CheckProbability(dropProbability, nameof(dropProbability));
        CheckProbability(corruptProbability, nameof(corruptProbability));
        Volatile.Write(ref _random, dropProbability == 0 && corruptProbability == 0
            ? null
            : new RandomFaults(new Random(seed), dropProbability, corruptProbability));
    }

    public void DropReplies(byte id, int count) => Interlocked.Exchange(ref _drop[CheckId(id)], CheckCount(count));

    public void CorruptReplies(byte id, int count) => Interlocked.Exchange(ref _corrupt[CheckId(id)], CheckCount(count));

    public void DelayReplies(byte id, int count, int delayMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delayMs);
        Volatile.Write(ref _lateDelayMs[CheckId(id)], delayMs);
        Interlocked.Exchange(ref _late[id], CheckCount(count));
    }

    /// <summary>Takes the fault for the next reply of <paramref name="id"/>, consuming one count.</summary>
    internal ReplyFault Take(byte id, out int delayMs)
    {
        delayMs = 0;
        if (TryConsume(ref _drop[id])) return Counted(ReplyFault.Drop);
        if (TryConsume(ref _corrupt[id])) return Counted(ReplyFault.CorruptCrc);
        if (TryConsume(ref _late[id]))
        {
            delayMs = Volatile.Read(ref _lateDelayMs[id]);
            return ReplyFault.Late;
        }
        if (Volatile.Read(ref _random) is { } random)
        {
            var draw = random.Generator.NextDouble();
            if (draw < random.DropProbability) return Counted(ReplyFault.Drop);
            if (draw < random.DropProbability + random.CorruptProbability) return Counted(ReplyFault.CorruptCrc);
        }
        return ReplyFault.None;
    }

    private ReplyFault Counted(ReplyFault fault)
    {
        if (fault == ReplyFault.Drop) Interlocked.Increment(ref _injectedDrops);
        else Interlocked.Increment(ref _injectedCorruptions);
        return fault;
    }

    private static void CheckProbability(double probability, string name)
    {
        if (!(probability is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(name, probability, "a fault probability must be in 0..1");
    }

    /// <summary>Published as one object so a change from another thread is seen whole.</summary>
    private sealed record RandomFaults(Random Generator, double DropProbability, double CorruptProbability);

    private static bool TryConsume(ref int remaining)
    {
        while (true)
        {
            var current = Volatile.Read(ref remaining);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref remaining, current - 1, current) == current) return true;
        }
    }

    private static int CheckId(byte id) => PacketLayout.IsValidDeviceId(id)
        ? id
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"device IDs are 0..{PacketLayout.MaxDeviceId}");

    private static int CheckCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count;
    }
}
