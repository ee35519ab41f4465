using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using HumanoidRl.Shared;

namespace HumanoidRl.Hardware.Diagnostics;

/// <summary>CPU time (user + kernel) of the calling thread, from CLOCK_THREAD_CPUTIME_ID: what a cycle costs without the waiting.</summary>
[SupportedOSPlatform("linux")]
public static class ThreadCpuClock
{
    public static long NowNs()
    {
        if (Libc.ClockGetTime(Libc.ClockThreadCpuTime, out var time) != 0)
            throw new IOException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}");
        return time.TotalNs;
    }
}
