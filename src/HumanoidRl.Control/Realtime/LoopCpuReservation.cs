using System.Globalization;
using System.Runtime.InteropServices;
using HumanoidRl.Shared;

namespace HumanoidRl.Control.Realtime;

/// <summary>
/// Keeps every thread of this process but the caller off one CPU, so that the loop pinned there does not share it with
/// the gRPC serving threads, the telemetry pump, the thread pool or the garbage collector's threads, which the kernel
/// would otherwise wake on it. Threads created later inherit the mask of the thread
/// that creates them, so once every existing thread is moved, new ones stay off too (the loop thread creates none).
/// </summary>
public static class LoopCpuReservation
{
    // 1024 CPUs, the kernel's usual CONFIG_NR_CPUS upper bound: sched_getaffinity refuses a buffer smaller than the kernel's mask.
    internal const int MaskWords = 16;
    private const int NoSuchThread = Libc.NoSuchProcessErrno; // the thread ended between listing and moving it

    /// <summary>
    /// Moves every other thread of this process off <paramref name="cpu"/> (0..63); a thread allowed on that CPU only (the
    /// server GC pins one thread per core) goes to the caller's other CPUs. Null when done, otherwise the reason.
    /// </summary>
    public static string? TryKeepOtherThreadsOff(int cpu)
    {
        if (cpu is < 0 or > 63) return $"CPU {cpu} is outside 0..63";
        var self = Libc.GetTid();
        var ownMask = new ulong[MaskWords];
        if (!TryReadMask(self, ownMask)) return Marshal.GetLastPInvokeErrorMessage();
        var fallback = Without(ownMask, cpu);
        if (IsEmpty(fallback)) return $"this process may run on CPU {cpu} only, so there is no other CPU to move its threads to";

        // A thread not yet moved may start another one while the list is read: repeat until a pass finds none new.
        var seen = new HashSet<int> { self };
        var mask = new ulong[MaskWords];
        for (var found = true; found;)
        {
            found = false;
            foreach (var tid in ThreadIds())
            {
                if (!seen.Add(tid)) continue;
                found = true;
                if (!TryReadMask(tid, mask))
                {
                    if (Marshal.GetLastPInvokeError() == NoSuchThread) continue;
                    return $"thread {tid}: {Marshal.GetLastPInvokeErrorMessage()}";
                }
                var kept = Without(mask, cpu);
                if (kept.AsSpan().SequenceEqual(mask)) continue;
                if (IsEmpty(kept)) kept = fallback;
                if (Libc.SchedSetAffinity(tid, MaskWords * sizeof(ulong), ref kept[0]) != 0
                    && Marshal.GetLastPInvokeError() != NoSuchThread)
                    return $"thread {tid}: {Marshal.GetLastPInvokeErrorMessage()}";
            }
        }
        return null;
    }

    /// <summary>
    /// sched_getaffinity of thread <paramref name="tid"/> (0 = the caller) into a mask of <see cref="MaskWords"/> words;
    /// false when refused, with the reason in the last P/Invoke error.
    /// </summary>
    internal static bool TryReadMask(int tid, ulong[] mask) =>
        Libc.SchedGetAffinity(tid, MaskWords * sizeof(ulong), ref mask[0]) == 0;

    /// <summary>The mask without <paramref name="cpu"/>.</summary>
    internal static ulong[] Without(ulong[] mask, int cpu)
    {
        var kept = (ulong[])mask.Clone();
        kept[cpu / 64] &= ~(1UL << (cpu % 64));
        return kept;
    }

    internal static bool IsEmpty(ulong[] mask) => Array.TrueForAll(mask, word => word == 0);

    private static IEnumerable<int> ThreadIds() =>
        Directory.EnumerateDirectories("/proc/self/task")
            .Select(path => int.Parse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture));
}
