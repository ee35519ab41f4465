using System.Globalization;
using System.Runtime.InteropServices;

namespace HumanoidRl.Control.Realtime;

/// <summary>
/// Keeps one CPU for the calling thread: every other thread of the process is moved off it, and threads started
/// later inherit that from their creators. Pinning the loop alone leaves the daemon's own gRPC, Kestrel and GC
/// threads free to run on its CPU while it sleeps between ticks, preempting its busy-wait and evicting its caches.
/// <c>isolcpus</c> keeps other processes off that CPU on a robot computer; this keeps the daemon's own threads off
/// it on any machine. <see cref="Dispose"/> gives the moved threads their masks back.
/// </summary>
public sealed partial class CpuReservation : IDisposable
{
    private const string TaskFolder = "/proc/self/task";
    private const int MaxPasses = 4;

    private readonly int _ownerThreadId;
    private readonly ulong _processMask;
    private readonly Dictionary<int, ulong> _movedMasks;

    private CpuReservation(int ownerThreadId, ulong processMask, Dictionary<int, ulong> movedMasks)
    {
        _ownerThreadId = ownerThreadId;
        _processMask = processMask;
        _movedMasks = movedMasks;
    }

    /// <summary>Threads moved off the CPU when it was reserved.</summary>
    public int MovedThreads => _movedMasks.Count;

    /// <summary>CPUs the other threads kept, as a list ("0" or "0,2-3").</summary>
    public string OtherCpus { get; private init; } = "";

    /// <summary>
    /// Moves every other thread of the process off <paramref name="cpu"/> and pins the calling thread to it; null and
    /// the reason when the calling thread may not run there or no other CPU is left for the rest.
    /// </summary>
    public static CpuReservation? TryReserve(int cpu, out string? refusal)
    {
        if (cpu is < 0 or > 63)
        {
            refusal = $"CPU {cpu} is outside 0..63";
            return null;
        }
        var cpuBit = 1UL << cpu;
        if (sched_getaffinity(0, sizeof(ulong), out var processMask) != 0)
        {
            refusal = $"sched_getaffinity: {Marshal.GetLastPInvokeErrorMessage()}";
            return null;
        }
        if ((processMask & cpuBit) == 0)
        {
            refusal = $"CPU {cpu} is not among the CPUs this process may use ({CpuList(processMask)})";
            return null;
        }
        if ((processMask & ~cpuBit) == 0)
        {
            refusal = $"CPU {cpu} is the only CPU this process may use, so no other is left for its other threads";
            return null;
        }
        var owner = gettid();
        var moved = MoveAllOffCpu(owner, cpuBit);
        var ownMask = cpuBit;
        if (sched_setaffinity(0, sizeof(ulong), ref ownMask) != 0)
        {
            refusal = $"sched_setaffinity: {Marshal.GetLastPInvokeErrorMessage()}";
            new CpuReservation(owner, processMask, moved).Dispose();
            return null;
        }
        refusal = null;
        return new CpuReservation(owner, processMask, moved) { OtherCpus = CpuList(processMask & ~cpuBit) };
    }

    /// <summary>
    /// Moves every thread of the process off <paramref name="cpu"/> (for good: a process that is not the daemon but shares
    /// its machine, such as the benchmark's telemetry clients); null when done, otherwise the reason.
    /// </summary>
    public static string? TryMoveProcessOff(int cpu)
    {
        if (cpu is < 0 or > 63) return $"CPU {cpu} is outside 0..63";
        if (sched_getaffinity(0, sizeof(ulong), out var processMask) != 0) return $"sched_getaffinity: {Marshal.GetLastPInvokeErrorMessage()}";
        var cpuBit = 1UL << cpu;
        if ((processMask & ~cpuBit) == 0) return $"CPU {cpu} is the only CPU this process may use";
        MoveAllOffCpu(owner: 0, cpuBit);
        return null;
    }

    /// <summary>
    /// Gives each moved thread its mask back, and threads started since then the process's mask from before the
    /// reservation; the calling thread keeps its pin.
    /// </summary>
    public void Dispose()
    {
        foreach (var tid in ThreadIds())
        {
            if (tid == _ownerThreadId) continue;
            var mask = _movedMasks.TryGetValue(tid, out var original) ? original : _processMask;
            // A thread that exited meanwhile (ESRCH) needs nothing.
            _ = sched_setaffinity(tid, sizeof(ulong), ref mask);
        }
    }

    /// <summary>Moves every thread but the owner off the CPU; returns each moved thread's mask before.</summary>
    private static Dictionary<int, ulong> MoveAllOffCpu(int owner, ulong cpuBit)
    {
        var moved = new Dictionary<int, ulong>();
        // A thread that starts while we move the others inherits its creator's mask, which may not be moved yet: go
        // over the list again until a pass finds no thread left on the CPU.
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            if (MoveOffCpu(owner, cpuBit, moved) == 0) break;
        }
        return moved;
    }

    /// <summary>Moves the threads still allowed on the CPU; returns how many it moved.</summary>
    private static int MoveOffCpu(int owner, ulong cpuBit, Dictionary<int, ulong> moved)
    {
        var count = 0;
        foreach (var tid in ThreadIds())
        {
            if (tid == owner || sched_getaffinity(tid, sizeof(ulong), out var mask) != 0) continue;
            // A thread pinned to this CPU alone (another loop) is left where its owner put it.
            if ((mask & cpuBit) == 0 || (mask & ~cpuBit) == 0) continue;
            var narrowed = mask & ~cpuBit;
            if (sched_setaffinity(tid, sizeof(ulong), ref narrowed) != 0) continue;
            moved.TryAdd(tid, mask);
            count++;
        }
        return count;
    }

    private static IEnumerable<int> ThreadIds() =>
        Directory.EnumerateDirectories(TaskFolder)
            .Select(path => int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var tid) ? tid : 0)
            .Where(tid => tid > 0);

    /// <summary>A CPU mask as Linux writes CPU lists: "0-1,3".</summary>
    public static string CpuList(ulong mask)
    {
        var ranges = new List<string>();
        for (var cpu = 0; cpu < 64; cpu++)
        {
            if ((mask & (1UL << cpu)) == 0) continue;
            var last = cpu;
            while (last < 63 && (mask & (1UL << (last + 1))) != 0) last++;
            ranges.Add(last == cpu ? cpu.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{cpu}-{last}"));
            cpu = last;
        }
        return string.Join(',', ranges);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nint cpuSetSize, out ulong cpuSet);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nint cpuSetSize, ref ulong cpuSet);

    [LibraryImport("libc")]
    private static partial int gettid();
}
