using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.VirtualBus;

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
/// Fault injection for the virtual bus, per device and counted in replies: e.g. "drop the next 3 replies of ID 2".
/// Set from any thread; consumed by the bus thread. Drop wins over corrupt, corrupt over late.
/// </summary>
public sealed class VirtualBusFaults
{
    private readonly int[] _drop = new int[PacketLayout.MaxDeviceId + 1];
    private readonly int[] _corrupt = new int[PacketLayout.MaxDeviceId + 1];
    private readonly int[] _late = new int[PacketLayout.MaxDeviceId + 1];
    private readonly int[] _lateDelayMs = new int[PacketLayout.MaxDeviceId + 1];

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
        if (TryConsume(ref _drop[id])) return ReplyFault.Drop;
        if (TryConsume(ref _corrupt[id])) return ReplyFault.CorruptCrc;
        if (TryConsume(ref _late[id]))
        {
            delayMs = Volatile.Read(ref _lateDelayMs[id]);
            return ReplyFault.Late;
        }
        return ReplyFault.None;
    }

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
