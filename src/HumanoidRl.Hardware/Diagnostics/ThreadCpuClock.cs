using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HumanoidRl.Hardware.Diagnostics;

/// <summary>CPU time (user + kernel) of the calling thread, from CLOCK_THREAD_CPUTIME_ID: what a cycle costs without the waiting.</summary>
[SupportedOSPlatform("linux")]
public static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID

    public static unsafe long NowNs()
    {
        TimeSpec time;
        if (GetTime(ThreadCpuTimeClock, &time) != 0)
            throw new IOException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}");
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static unsafe partial int GetTime(int clock, TimeSpec* time);
}
