using System.Runtime.InteropServices;

namespace HumanoidRl.Control.Realtime;

/// <summary>
/// cpu_affinity: auto. The loop takes the last CPU this process may use when it may use two or more, and the other
/// threads keep the rest; with one CPU there is nothing to reserve, so the loop stays unpinned.
/// </summary>
public static class LoopCpuChoice
{
    /// <summary>The value of an unpinned loop.</summary>
    public const int None = -1;

    /// <summary>The CPU auto picks among <paramref name="allowedCpus"/>, or <see cref="None"/>.</summary>
    public static int Choose(IReadOnlyCollection<int> allowedCpus)
    {
        ArgumentNullException.ThrowIfNull(allowedCpus);
        return allowedCpus.Count >= 2 ? allowedCpus.Max() : None;
    }

    /// <summary>The CPU auto picks for the calling thread's mask (the process's, on the thread that reads the config).</summary>
    public static int ForCurrentThread() => Choose(AllowedCpusOfCurrentThread());

    /// <summary>The CPUs the calling thread may run on (0..63, the range cpu_affinity takes).</summary>
    public static IReadOnlyList<int> AllowedCpusOfCurrentThread()
    {
        var mask = new ulong[LoopCpuReservation.MaskWords];
        if (!LoopCpuReservation.TryReadMask(0, mask))
            throw new InvalidOperationException($"sched_getaffinity failed: {Marshal.GetLastPInvokeErrorMessage()}");
        return [.. Enumerable.Range(0, 64).Where(cpu => (mask[0] & (1UL << cpu)) != 0)];
    }
}
