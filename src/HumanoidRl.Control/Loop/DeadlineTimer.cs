namespace HumanoidRl.Control.Loop;

/// <summary>
/// Absolute-deadline pacing: next += period, never "sleep for period". A tick that wakes after its
/// successor's deadline is an overrun; the missed ticks are counted and skipped, not run late in a burst.
/// </summary>
public sealed class DeadlineTimer
{
    private readonly long _periodNs;
    private readonly long _spinNs;

    /// <param name="periodNs">Loop period.</param>
    /// <param name="spinNs">Busy-wait this long before each deadline instead of sleeping (0 = never spin).</param>
    public DeadlineTimer(long periodNs, long spinNs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodNs);
        ArgumentOutOfRangeException.ThrowIfNegative(spinNs);
        _periodNs = periodNs;
        _spinNs = Math.Min(spinNs, periodNs);
    }

    public long PeriodNs => _periodNs;

    /// <summary>Deadline of the next tick.</summary>
    public long NextDeadlineNs { get; private set; }

    /// <summary>Total ticks skipped because the loop ran late.</summary>
    public long Overruns { get; private set; }

    public void Start(long nowNs) => NextDeadlineNs = nowNs + _periodNs;

    /// <summary>Waits for the next deadline; returns how late the wake-up was (ns) relative to it.</summary>
    public long WaitNext()
    {
        var deadline = NextDeadlineNs;
        WaitUntilBeforeDeadline(0);
        var now = LinuxClock.NowNs();
        Advance(now);
        return now - deadline;
    }

    /// <summary>
    /// Waits until <paramref name="leadNs"/> before the next deadline without moving it: asleep until the spin
    /// window before the deadline at the latest, busy-waiting from there, so work done ahead of a tick wakes as
    /// promptly as the tick itself.
    /// </summary>
    public void WaitUntilBeforeDeadline(long leadNs)
    {
        var targetNs = NextDeadlineNs - leadNs;
        LinuxClock.SleepUntilNs(Math.Min(targetNs, NextDeadlineNs - _spinNs));
        LinuxClock.SpinUntilNs(targetNs);
    }

    /// <summary>Moves the deadline one period on, skipping (and counting) every deadline already past.</summary>
    internal void Advance(long nowNs)
    {
        NextDeadlineNs += _periodNs;
        if (nowNs >= NextDeadlineNs)
        {
            var missed = ((nowNs - NextDeadlineNs) / _periodNs) + 1;
            Overruns += missed;
            NextDeadlineNs += missed * _periodNs;
        }
    }
}
