using System.Runtime.InteropServices;

namespace HumanoidRl.Control.Realtime;

/// <summary>Linux scheduling and memory-locking calls used by the control loop and reported by doctor.</summary>
public static partial class LinuxRealtime
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;
    private const int RlimitMemlock = 8;
    private const int RlimitRtprio = 14;
    private const ulong RlimInfinity = ulong.MaxValue;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setscheduler(int pid, int policy, ref SchedParam param);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out Rlimit limit);

    /// <summary>sched_setaffinity(2) for a thread (0 = the caller) and a mask of <paramref name="cpuSetSize"/> bytes.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int sched_setaffinity(int tid, nint cpuSetSize, ref ulong cpuSet);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mlockall(int flags);

    private const int McliCurrent = 1;
    private const int MclFuture = 2;

    /// <summary>Puts the calling thread on SCHED_FIFO; null when done, otherwise the reason it was refused.</summary>
    public static string? TrySetFifo(int priority)
    {
        var fifo = new SchedParam { Priority = priority };
        return sched_setscheduler(0, SchedFifo, ref fifo) == 0 ? null : Marshal.GetLastPInvokeErrorMessage();
    }

    /// <summary>Pins the calling thread to one CPU (0..63); null when done, otherwise the reason.</summary>
    public static string? TrySetAffinity(int cpu)
    {
        if (cpu is < 0 or > 63) return $"CPU {cpu} is outside 0..63";
        var mask = 1UL << cpu;
        return sched_setaffinity(0, sizeof(ulong), ref mask) == 0 ? null : Marshal.GetLastPInvokeErrorMessage();
    }

    /// <summary>Locks current and future pages in RAM (no page faults in the loop); null when done, otherwise the reason.</summary>
    public static string? TryLockMemory() => mlockall(McliCurrent | MclFuture) == 0 ? null : Marshal.GetLastPInvokeErrorMessage();

    /// <summary>
    /// Tries SCHED_FIFO at the given priority on a throw-away thread and restores SCHED_OTHER; returns
    /// null when allowed, otherwise the reason (errno text).
    /// </summary>
    public static string? ProbeFifo(int priority)
    {
        string? refusal = null;
        var probe = new Thread(() =>
        {
            var fifo = new SchedParam { Priority = priority };
            if (sched_setscheduler(0, SchedFifo, ref fifo) != 0)
            {
                refusal = Marshal.GetLastPInvokeErrorMessage();
                return;
            }
            var other = new SchedParam { Priority = 0 };
            _ = sched_setscheduler(0, SchedOther, ref other);
        });
        probe.Start();
        probe.Join();
        return refusal;
    }

    /// <summary>RLIMIT_MEMLOCK soft limit in bytes; null means unlimited.</summary>
    public static ulong? MemlockLimitBytes() => SoftLimit(RlimitMemlock);

    /// <summary>RLIMIT_RTPRIO soft limit (highest SCHED_FIFO priority an unprivileged process may take).</summary>
    public static ulong? RtprioLimit() => SoftLimit(RlimitRtprio);

    private static ulong? SoftLimit(int resource)
    {
        if (getrlimit(resource, out var limit) != 0)
            throw new InvalidOperationException($"getrlimit({resource}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        return limit.Current == RlimInfinity ? null : limit.Current;
    }
}
