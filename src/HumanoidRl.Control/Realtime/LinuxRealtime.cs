using System.Runtime.InteropServices;
using HumanoidRl.Shared;

namespace HumanoidRl.Control.Realtime;

/// <summary>Linux scheduling and memory-locking calls used by the control loop and reported by doctor.</summary>
public static class LinuxRealtime
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;
    private const int RlimitMemlock = 8;
    private const int RlimitRtprio = 14;
    private const ulong RlimInfinity = ulong.MaxValue;

    private const int McliCurrent = 1;
    private const int MclFuture = 2;

    /// <summary>Puts the calling thread on SCHED_FIFO; null when done, otherwise the reason it was refused.</summary>
    public static string? TrySetFifo(int priority)
    {
        var fifo = new Libc.SchedParam { Priority = priority };
        return Libc.SchedSetScheduler(0, SchedFifo, ref fifo) == 0 ? null : Marshal.GetLastPInvokeErrorMessage();
    }

    /// <summary>Pins the calling thread to one CPU (0..63); null when done, otherwise the reason.</summary>
    public static string? TrySetAffinity(int cpu)
    {
        if (cpu is < 0 or > 63) return $"CPU {cpu} is outside 0..63";
        var mask = 1UL << cpu;
        return Libc.SchedSetAffinity(0, sizeof(ulong), ref mask) == 0 ? null : Marshal.GetLastPInvokeErrorMessage();
    }

    /// <summary>Locks current and future pages in RAM (no page faults in the loop); null when done, otherwise the reason.</summary>
    public static string? TryLockMemory() => Libc.MlockAll(McliCurrent | MclFuture) == 0 ? null : Marshal.GetLastPInvokeErrorMessage();

    /// <summary>
    /// Tries SCHED_FIFO at the given priority on a throw-away thread and restores SCHED_OTHER; returns
    /// null when allowed, otherwise the reason (errno text).
    /// </summary>
    public static string? ProbeFifo(int priority)
    {
        string? refusal = null;
        var probe = new Thread(() =>
        {
            var fifo = new Libc.SchedParam { Priority = priority };
            if (Libc.SchedSetScheduler(0, SchedFifo, ref fifo) != 0)
            {
                refusal = Marshal.GetLastPInvokeErrorMessage();
                return;
            }
            var other = new Libc.SchedParam { Priority = 0 };
            _ = Libc.SchedSetScheduler(0, SchedOther, ref other);
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
        if (Libc.GetRlimit(resource, out var limit) != 0)
            throw new InvalidOperationException($"getrlimit({resource}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        return limit.Current == RlimInfinity ? null : limit.Current;
    }
}
