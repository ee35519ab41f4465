using HumanoidRl.Control.Realtime;

namespace HumanoidRl.Control.Controller;

/// <summary>Applies the real-time options to the loop thread as it starts; each refusal is reported, never fatal.</summary>
internal static class RealtimeSetup
{
    /// <summary>Applies the options to the calling thread; one note per option, saying whether it took.</summary>
    public static IReadOnlyList<string> ApplyToCurrentThread(ControllerSettings settings, long prewarmLeadNs)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var notes = new List<string>();
        void Note(string what, string? refusal) => notes.Add(refusal is null ? $"{what}: applied" : $"{what}: refused ({refusal})");
        var options = settings.Realtime;
        if (options.LockMemory) Note("mlockall", LinuxRealtime.TryLockMemory());
        if (options.CpuAffinityAuto && options.CpuAffinity < 0)
            Note("CPU affinity auto", "this process may run on one CPU only, so the loop stays unpinned");
        if (options.CpuAffinity >= 0)
        {
            // Before pinning itself, while this thread's own mask still names the CPUs the others can go to.
            Note($"other threads kept off CPU {options.CpuAffinity}", LoopCpuReservation.TryKeepOtherThreadsOff(options.CpuAffinity));
            var chosen = options.CpuAffinityAuto ? " (auto)" : "";
            Note($"CPU affinity {options.CpuAffinity}{chosen}", LinuxRealtime.TrySetAffinity(options.CpuAffinity));
        }
        if (options.FifoPriority > 0) Note($"SCHED_FIFO priority {options.FifoPriority}", LinuxRealtime.TrySetFifo(options.FifoPriority));
        // Busy-waiting needs no privilege, so it is always applied (capped at the period by the timer).
        if (options.SpinUs > 0)
            Note($"busy-wait {Math.Min(options.SpinUs * 1000L, settings.PeriodNs) / 1000} us before each deadline", refusal: null);
        if (prewarmLeadNs > 0)
        {
            Note($"policy warm-up {prewarmLeadNs / 1000} us before each inference tick",
                settings.FreeRun ? "sim_speed max has no deadline to warm up before" : null);
        }
        return notes;
    }
}
