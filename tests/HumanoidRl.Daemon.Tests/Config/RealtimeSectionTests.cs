using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Realtime;
using HumanoidRl.Daemon.Config;

namespace HumanoidRl.Daemon.Tests.Config;

public sealed class RealtimeSectionTests
{
    [Fact]
    public void Load_without_a_realtime_section_requests_no_realtime_option()
    {
        using var folder = new TempFolder();

        var config = DaemonConfigLoader.Load(folder.File("daemon.yaml", DaemonConfigText.Valid()));

        Assert.Equal(new RealtimeOptions(FifoPriority: 0, CpuAffinity: -1, LockMemory: false), config.Realtime);
    }

    [Fact]
    public void Load_reads_every_realtime_option()
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", DaemonConfigText.Valid(
            extra: "realtime: {fifo_priority: 80, cpu_affinity: 1, lock_memory: true, spin_us: 2000, policy_prewarm_us: 300}"));

        var config = DaemonConfigLoader.Load(path);

        Assert.Equal(
            new RealtimeOptions(FifoPriority: 80, CpuAffinity: 1, LockMemory: true, SpinUs: 2000, PolicyPrewarmUs: 300), config.Realtime);
    }

    [Fact]
    public void Load_defaults_the_realtime_options_left_out_of_the_section()
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", DaemonConfigText.Valid(extra: "realtime: {lock_memory: true}"));

        var config = DaemonConfigLoader.Load(path);

        Assert.Equal(new RealtimeOptions(FifoPriority: 0, CpuAffinity: -1, LockMemory: true), config.Realtime);
    }

    [Fact]
    public void Load_refuses_sched_fifo_for_a_free_running_simulator()
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", DaemonConfigText.Valid(simSpeed: "max", extra: "realtime: {fifo_priority: 80}"));

        var error = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path));

        Assert.Equal(
            path + ":28: realtime.fifo_priority: SCHED_FIFO with sim_speed max would starve the machine " +
            "(expected 0 with sim_speed max, got 80)",
            Assert.Single(error.Errors));
    }

    [Fact]
    public void Load_refuses_a_policy_prewarm_for_a_free_running_simulator()
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", DaemonConfigText.Valid(simSpeed: "max", extra: "realtime: {policy_prewarm_us: 300}"));

        var error = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path));

        Assert.Equal(
            path + ":28: realtime.policy_prewarm_us: a warm-up with sim_speed max has no deadline to run before " +
            "(expected 0 with sim_speed max, got 300)",
            Assert.Single(error.Errors));
    }

    [Fact]
    public void Load_resolves_cpu_affinity_auto_to_the_last_cpu_this_process_may_use()
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", DaemonConfigText.Valid(extra: "realtime: {cpu_affinity: auto}"));

        var config = DaemonConfigLoader.Load(path);

        var allowed = LoopCpuChoice.AllowedCpusOfCurrentThread();
        Assert.NotEmpty(allowed);
        var expected = allowed.Count >= 2 ? allowed[^1] : -1;
        Assert.Equal(new RealtimeOptions(CpuAffinity: expected, CpuAffinityAuto: true), config.Realtime);
    }

    [Theory]
    [InlineData(new[] { 0, 1 }, 1)]
    [InlineData(new[] { 2, 5, 7 }, 7)]
    [InlineData(new[] { 3 }, -1)]
    public void Auto_takes_the_highest_of_two_or_more_allowed_cpus_and_leaves_a_single_cpu_unpinned(int[] allowed, int expected) =>
        Assert.Equal(expected, LoopCpuChoice.Choose(allowed));

    [Theory]
    [InlineData(
        "{cpu_affinity: automatic}",
        ":28: realtime.cpu_affinity: must be a whole number (expected auto (the last CPU the daemon may use, when it " +
        "has 2 or more), -1 (no pinning) or a CPU index 0-63, got automatic)")]
    [InlineData(
        "{fifo_priority: 100}",
        ":28: realtime.fifo_priority: out of range (expected 0 (normal scheduler) or a SCHED_FIFO priority 1-99, got " +
        "100)")]
    [InlineData(
        "{fifo_priority: -1}",
        ":28: realtime.fifo_priority: out of range (expected 0 (normal scheduler) or a SCHED_FIFO priority 1-99, got " +
        "-1)")]
    [InlineData(
        "{fifo_priority: high}",
        ":28: realtime.fifo_priority: must be a whole number (expected 0 (normal scheduler) or a SCHED_FIFO priority " +
        "1-99, got high)")]
    [InlineData("{cpu_affinity: -2}", ":28: realtime.cpu_affinity: out of range (expected -1 (no pinning) or a CPU index 0-63, got -2)")]
    [InlineData("{cpu_affinity: 64}", ":28: realtime.cpu_affinity: out of range (expected -1 (no pinning) or a CPU index 0-63, got 64)")]
    [InlineData("{lock_memory: yes}", ":28: realtime.lock_memory: must be a boolean (expected true or false, got yes)")]
    [InlineData("{lock_memory: 'true'}", ":28: realtime.lock_memory: must be a boolean (expected true or false, got 'true')")]
    [InlineData(
        "{spin_us: 100001}",
        ":28: realtime.spin_us: out of range (expected 0 (sleep until each deadline) or microseconds to busy-wait " +
        "before it, 1-100000 (capped at the loop period), got 100001)")]
    [InlineData(
        "{policy_prewarm_us: -1}",
        ":28: realtime.policy_prewarm_us: out of range (expected 0 (no warm-up) or microseconds before each inference " +
        "tick's deadline to warm the policy, 1-100000 (capped at the loop period), got -1)")]
    [InlineData(
        "{fifo: 80}",
        ":28: realtime.fifo: unknown key (expected one of fifo_priority, cpu_affinity, lock_memory, spin_us, " +
        "policy_prewarm_us)")]
    [InlineData(
        "80",
        ":28: realtime: must be a mapping (expected a mapping with fifo_priority, cpu_affinity, lock_memory, spin_us, " +
        "policy_prewarm_us (each optional), got 80)")]
    public void Load_names_file_line_field_and_expectation_of_a_bad_realtime_option(string section, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.File("daemon.yaml", DaemonConfigText.Valid(extra: $"realtime: {section}"));

        var error = Assert.Throws<DaemonConfigException>(() => DaemonConfigLoader.Load(path));

        Assert.Equal(path + expected, Assert.Single(error.Errors));
    }
}
