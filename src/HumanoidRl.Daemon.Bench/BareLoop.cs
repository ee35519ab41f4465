using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Loop;
using HumanoidRl.Control.Realtime;

namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// The reference the control loop's jitter is compared with: a thread that does nothing but wait for absolute
/// deadlines with clock_nanosleep (the loop's own <see cref="DeadlineTimer"/>) at the same period, scheduling
/// (SCHED_FIFO priority, CPU affinity) and busy-wait before each deadline.
/// </summary>
public static class BareLoop
{
    /// <summary>
    /// Runs for the duration on a thread of its own and adds each wake-up's lateness to <paramref name="jitter"/>, so
    /// that the slices of an interleaved run add up in one histogram; returns the ticks it missed.
    /// </summary>
    public static long Run(long periodNs, RealtimeOptions realtime, TimeSpan duration, LatencyHistogram jitter)
    {
        ArgumentNullException.ThrowIfNull(realtime);
        ArgumentNullException.ThrowIfNull(jitter);
        var timer = new DeadlineTimer(periodNs, realtime.SpinUs * 1000L);
        var thread = new Thread(() =>
        {
            // As the loop thread does; whether the system granted them is in the loop's status (same process, same limits).
            if (realtime.CpuAffinity >= 0) LinuxRealtime.TrySetAffinity(realtime.CpuAffinity);
            if (realtime.FifoPriority > 0) LinuxRealtime.TrySetFifo(realtime.FifoPriority);
            var endNs = LinuxClock.NowNs() + (long)(duration.TotalSeconds * 1e9);
            timer.Start(LinuxClock.NowNs());
            while (LinuxClock.NowNs() < endNs) jitter.Record(timer.WaitNext());
        })
        { Name = "bare-loop", Priority = ThreadPriority.Highest };
        thread.Start();
        thread.Join();
        return timer.Overruns;
    }
}
