using HumanoidRl.Control.Controller;
using HumanoidRl.Core.Config;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Daemon.Config;

/// <summary>Reads the optional realtime section: the loop thread's SCHED_FIFO priority, CPU pinning, mlockall, busy-wait and policy warm-up.</summary>
internal static class RealtimeSectionReader
{
    private const string SectionExpected = "a mapping with fifo_priority, cpu_affinity, lock_memory, spin_us, policy_prewarm_us (each optional)";
    private const string FifoExpected = "0 (normal scheduler) or a SCHED_FIFO priority 1-99";
    private const string AffinityExpected = "-1 (no pinning) or a CPU index 0-63";
    private const string LockExpected = "true or false";
    private const string SpinExpected = "0 (sleep until each deadline) or microseconds to busy-wait before it, 1-100000 (capped at the loop period)";
    private const string PrewarmExpected = "0 (no warm-up) or microseconds before each inference tick's deadline to warm the policy, 1-100000 (capped at the loop period)";

    /// <summary>The options, defaults when the section is absent, or null (reported) when any value is bad.</summary>
    /// <param name="freeRun">sim_speed is max: the loop never sleeps, so SCHED_FIFO would take its core from everything else.</param>
    public static RealtimeOptions? Read(YamlMappingReader root, bool freeRun, ConfigDiagnostics diagnostics)
    {
        if (!root.Has("realtime")) return new RealtimeOptions();
        if (root.Mapping("realtime", SectionExpected) is not { } section) return null;
        var errorsBefore = diagnostics.Errors.Count;

        var fifo = section.OptionalLocatedInteger("fifo_priority", 0, FifoExpected);
        diagnostics.Require(fifo, fifo.Value is >= 0 and <= 99, "out of range", FifoExpected);
        diagnostics.Require(fifo, !freeRun || fifo.Value == 0, "SCHED_FIFO with sim_speed max would starve the machine", "0 with sim_speed max");
        var affinity = section.OptionalLocatedInteger("cpu_affinity", -1, AffinityExpected);
        diagnostics.Require(affinity, affinity.Value is >= -1 and <= 63, "out of range", AffinityExpected);
        var lockMemory = OptionalBoolean(section, "lock_memory", diagnostics);
        var spin = section.OptionalLocatedInteger("spin_us", 0, SpinExpected);
        diagnostics.Require(spin, spin.Value is >= 0 and <= 100_000, "out of range", SpinExpected);
        diagnostics.Require(spin, !freeRun || spin.Value == 0, "busy-waiting with sim_speed max has no deadline to wait for", "0 with sim_speed max");
        var prewarm = section.OptionalLocatedInteger("policy_prewarm_us", 0, PrewarmExpected);
        diagnostics.Require(prewarm, prewarm.Value is >= 0 and <= 100_000, "out of range", PrewarmExpected);
        diagnostics.Require(prewarm, !freeRun || prewarm.Value == 0, "a warm-up with sim_speed max has no deadline to run before", "0 with sim_speed max");
        section.RejectUnknownKeys();

        if (diagnostics.Errors.Count > errorsBefore) return null;
        return new RealtimeOptions((int)fifo.Value, (int)affinity.Value, lockMemory, (int)spin.Value, (int)prewarm.Value);
    }

    private static bool OptionalBoolean(YamlMappingReader section, string key, ConfigDiagnostics diagnostics)
    {
        if (section.Optional(key) is not { } node) return false;
        if (node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } scalar) return scalar.Value == "true";
        diagnostics.Add(node.Start.Line, section.PathOf(key), "must be a boolean", LockExpected, YamlValueReader.KindOf(node));
        return false;
    }
}
