using System.Runtime.InteropServices;

namespace HumanoidRl.Control.Loop;

/// <summary>CLOCK_MONOTONIC reads and absolute sleeps: the loop's only notion of time.</summary>
public static partial class LinuxClock
{
    private const int ClockMonotonic = 1;
    private const int TimerAbstime = 1;
    private const int Eintr = 4;
    private const long NsPerSecond = 1_000_000_000;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clockId, out Timespec time);

    [LibraryImport("libc")]
    private static partial int clock_nanosleep(int clockId, int flags, in Timespec request, IntPtr remain);

    /// <summary>Monotonic time in ns.</summary>
    public static long NowNs()
    {
        _ = clock_gettime(ClockMonotonic, out var now);
        return (now.Seconds * NsPerSecond) + now.Nanoseconds;
    }

    /// <summary>Sleeps until the absolute monotonic deadline (returns at once if it has passed).</summary>
    public static void SleepUntilNs(long deadlineNs)
    {
        // Without entering the kernel when the deadline has passed (the clock read is a vDSO call): on a VM even an
        // expired clock_nanosleep arms a timer and now and then costs tens of microseconds, which a loop that reaches
        // this after busy-waiting to its deadline (the policy warm-up) would add to its lateness.
        if (NowNs() >= deadlineNs) return;
        var request = new Timespec { Seconds = deadlineNs / NsPerSecond, Nanoseconds = deadlineNs % NsPerSecond };
        // clock_nanosleep returns the error number directly; with TIMER_ABSTIME a retry after a signal is exact.
        while (clock_nanosleep(ClockMonotonic, TimerAbstime, request, IntPtr.Zero) == Eintr)
        {
        }
    }

    /// <summary>Busy-waits until the absolute monotonic deadline: exact to the clock read, at the cost of a core.</summary>
    public static void SpinUntilNs(long deadlineNs)
    {
        while (NowNs() < deadlineNs) Thread.SpinWait(20);
    }
}
