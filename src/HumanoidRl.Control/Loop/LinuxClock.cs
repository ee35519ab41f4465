using HumanoidRl.Shared;

namespace HumanoidRl.Control.Loop;

/// <summary>CLOCK_MONOTONIC reads and absolute sleeps: the loop's only notion of time.</summary>
public static class LinuxClock
{
    /// <summary>Monotonic time in ns.</summary>
    public static long NowNs() => Libc.MonotonicNowNs();

    /// <summary>Sleeps until the absolute monotonic deadline (returns at once if it has passed).</summary>
    public static void SleepUntilNs(long deadlineNs)
    {
        // Without entering the kernel when the deadline has passed (the clock read is a vDSO call): on a VM even an
        // expired clock_nanosleep arms a timer and now and then costs tens of microseconds, which a loop that reaches
        // this after busy-waiting to its deadline (the policy warm-up) would add to its lateness.
        if (NowNs() >= deadlineNs) return;
        var request = Libc.Timespec.FromNs(deadlineNs);
        // clock_nanosleep returns the error number directly; with TIMER_ABSTIME a retry after a signal is exact.
        while (Libc.ClockNanosleep(Libc.ClockMonotonic, Libc.TimerAbsoluteTime, request, IntPtr.Zero) == Libc.InterruptedErrno)
        {
        }
    }

    /// <summary>Busy-waits until the absolute monotonic deadline: exact to the clock read, at the cost of a core.</summary>
    public static void SpinUntilNs(long deadlineNs)
    {
        while (NowNs() < deadlineNs) Thread.SpinWait(20);
    }
}
