namespace HumanoidRl.Daemon.Tests.Lease;

/// <summary>A monotonic clock the test moves by hand, so lease lapses are tested without waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan span) => _ticks += span.Ticks;
}
