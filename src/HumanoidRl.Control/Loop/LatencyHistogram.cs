namespace HumanoidRl.Control.Loop;

/// <summary>
/// Fixed-bucket histogram of durations in microseconds (1 us buckets up to the range, then one overflow
/// bucket). Written by the loop thread without allocation or locks; readers on other threads see counts
/// that are at most a tick stale.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>
    /// The range every loop figure uses (jitter, compute, inference, backend): 10 periods at 500 Hz; slower lands in the overflow
    /// bucket and the max.
    /// </summary>
    public const int LoopRangeUs = 20_000;

    private readonly long[] _counts;
    private long _maxUs;
    private long _total;

    public LatencyHistogram(int rangeUs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rangeUs);
        _counts = new long[rangeUs + 1];
    }

    public long Count => Volatile.Read(ref _total);

    public long MaxUs => Volatile.Read(ref _maxUs);

    public void Record(long durationNs)
    {
        var us = Math.Max(0, durationNs / 1000);
        var bucket = (int)Math.Min(us, _counts.Length - 1);
        Volatile.Write(ref _counts[bucket], _counts[bucket] + 1);
        if (us > _maxUs) Volatile.Write(ref _maxUs, us);
        Volatile.Write(ref _total, _total + 1);
    }

    /// <summary>The smallest bucket value (us) at or below which the given fraction of samples lie.</summary>
    public long PercentileUs(double fraction)
    {
        var total = Count;
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(Math.Clamp(fraction, 0, 1) * total);
        long seen = 0;
        for (var bucket = 0; bucket < _counts.Length; bucket++)
        {
            seen += Volatile.Read(ref _counts[bucket]);
            if (seen >= rank) return bucket == _counts.Length - 1 ? MaxUs : bucket;
        }
        return MaxUs;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Volatile.Write(ref _maxUs, 0);
        Volatile.Write(ref _total, 0);
    }
}
