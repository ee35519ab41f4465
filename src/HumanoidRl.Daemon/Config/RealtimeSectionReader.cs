using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Realtime;
using HumanoidRl.Core.Config;

namespace HumanoidRl.Daemon.Config;

/// <summary>
/// Reads the optional realtime section: the loop thread's SCHED_FIFO priority, CPU pinning, mlockall, busy-wait
/// and policy warm-up.
/// </summary>
internal static class RealtimeSectionReader
{
    /// <summary>realtime: every key optional, the defaults those of <see cref="RealtimeOptions"/> (none of the options).</summary>
    public static ConfigTable<RealtimeOptions> Table { get; } = new(
        new IntegerKey<RealtimeOptions>("fifo_priority", s => s.FifoPriority, (s, v) => s with { FifoPriority = (int)v },
            "0 (normal scheduler) or a SCHED_FIFO priority 1-99", new ConfigBounds(0, 99)),
        new IntegerOrWordKey<RealtimeOptions>("cpu_affinity", s => s.CpuAffinity,
            (s, v, auto) => s with { CpuAffinity = (int)v, CpuAffinityAuto = auto },
            "auto (the last CPU the daemon may use, when it has 2 or more), -1 (no pinning) or a CPU index 0-63",
            new ConfigBounds(-1, 63) { Expected = "-1 (no pinning) or a CPU index 0-63" }, "auto", () => LoopCpuChoice.ForCurrentThread()),
        new BooleanKey<RealtimeOptions>("lock_memory", (s, v) => s with { LockMemory = v }),
        new IntegerKey<RealtimeOptions>("spin_us", s => s.SpinUs, (s, v) => s with { SpinUs = (int)v },
            "0 (sleep until each deadline) or microseconds to busy-wait before it, 1-100000 (capped at the loop period)",
            new ConfigBounds(0, 100_000)),
        new IntegerKey<RealtimeOptions>("policy_prewarm_us", s => s.PolicyPrewarmUs, (s, v) => s with { PolicyPrewarmUs = (int)v },
            "0 (no warm-up) or microseconds before each inference tick's deadline to warm the policy, 1-100000 (capped at the loop period)",
            new ConfigBounds(0, 100_000)));

    /// <summary>The options, defaults when the section is absent, or null (reported) when any value is bad.</summary>
    /// <param name="freeRun">sim_speed is max: the loop never sleeps, so SCHED_FIFO would take its core from everything else.</param>
    public static RealtimeOptions? Read(YamlMappingReader root, bool freeRun, ConfigDiagnostics diagnostics)
    {
        if (!root.Has("realtime")) return new RealtimeOptions();
        if (root.Mapping("realtime", $"a mapping with {Table.KeyNames} (each optional)") is not { } section) return null;
        var errorsBefore = diagnostics.Errors.Count;

        var options = Table.Read(section, new RealtimeOptions(), diagnostics);
        if (freeRun)
        {
            const string Fifo = "SCHED_FIFO with sim_speed max would starve the machine";
            const string Spin = "busy-waiting with sim_speed max has no deadline to wait for";
            const string Prewarm = "a warm-up with sim_speed max has no deadline to run before";
            RequireZero(section, "fifo_priority", options.FifoPriority, Fifo, diagnostics);
            RequireZero(section, "spin_us", options.SpinUs, Spin, diagnostics);
            RequireZero(section, "policy_prewarm_us", options.PolicyPrewarmUs, Prewarm, diagnostics);
        }
        section.RejectUnknownKeys();
        return diagnostics.Errors.Count > errorsBefore ? null : options;
    }

    private static void RequireZero(YamlMappingReader section, string key, int value, string problem, ConfigDiagnostics diagnostics)
    {
        if (value == 0) return;
        diagnostics.Add(section.LineOf(key), section.PathOf(key), problem, "0 with sim_speed max", ConfigDiagnostics.Describe(value));
    }
}
