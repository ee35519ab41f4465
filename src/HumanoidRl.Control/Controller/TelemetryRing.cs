namespace HumanoidRl.Control.Controller;

/// <summary>
/// The loop's telemetry: one writer (the loop, no allocation, no lock) and any number of readers on other
/// threads. Each slot carries a version (odd while being written), so a reader detects a torn copy and skips
/// it instead of blocking the writer.
/// </summary>
public sealed class TelemetryRing
{
    private readonly TelemetrySample[] _slots;
    private readonly long[] _versions;
    private long _published;

    public TelemetryRing(int jointCount, int capacity = 512)
    {
        _slots = new TelemetrySample[capacity];
        _versions = new long[capacity];
        for (var i = 0; i < capacity; i++) _slots[i] = new TelemetrySample(jointCount);
    }

    /// <summary>Samples published so far; the newest has sequence Published - 1.</summary>
    public long Published => Volatile.Read(ref _published);

    public int Capacity => _slots.Length;

    /// <summary>Loop thread: the slot to fill for the next sample; then call <see cref="Commit"/>.</summary>
    public TelemetrySample BeginWrite()
    {
        var index = (int)(_published % _slots.Length);
        Volatile.Write(ref _versions[index], (2 * _published) + 1);
        // Seqlock: the odd version must be visible before any field changes (arm64 may reorder stores).
        Interlocked.MemoryBarrier();
        return _slots[index];
    }

    public void Commit()
    {
        var index = (int)(_published % _slots.Length);
        Volatile.Write(ref _versions[index], (2 * _published) + 2);
        Volatile.Write(ref _published, _published + 1);
    }

    /// <summary>Copies sample <paramref name="sequence"/>; false when it was overwritten (or not yet written).</summary>
    public bool TryRead(long sequence, TelemetrySample destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (sequence < 0 || sequence >= Published) return false;
        var index = (int)(sequence % _slots.Length);
        var expected = (2 * sequence) + 2;
        if (Volatile.Read(ref _versions[index]) != expected) return false;
        _slots[index].CopyTo(destination);
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref _versions[index]) == expected;
    }

    /// <summary>Copies the newest complete sample; false when nothing was published yet.</summary>
    public bool TryReadLatest(TelemetrySample destination)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var newest = Published - 1;
            if (newest < 0) return false;
            if (TryRead(newest, destination)) return true;
        }
        return false;
    }
}
