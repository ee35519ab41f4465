using HumanoidRl.Control.Loop;

namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// The reference the control loop's jitter is compared with: a thread that does nothing but wait for absolute
/// deadlines with clock_nanosleep (the loop's own <see cref="DeadlineTimer"/>) at the same period, priority and
/// busy-wait before each deadline.
/// </summary>
public static class BareLoop
{
    public static (LatencyHistogram Jitter, long Overruns) Run(long periodNs, long spinNs, TimeSpan duration)
    {
        var jitter = new LatencyHistogram(LatencyHistogram.LoopRangeUs);
        var timer = new DeadlineTimer(periodNs, spinNs);
        var thread = new Thread(() =>
        {
            var endNs = LinuxClock.NowNs() + (long)(duration.TotalSeconds * 1e9);
            timer.Start(LinuxClock.NowNs());
            while (LinuxClock.NowNs() < endNs) jitter.Record(timer.WaitNext());
        })
        { Name = "bare-loop", Priority = ThreadPriority.Highest };
        thread.Start();
        thread.Join();
        return (jitter, timer.Overruns);
    }
}
