namespace HumanoidRl.Daemon.Bench.Tests;

public sealed class HostStealTests
{
    // The head of a 2-vCPU VM's /proc/stat: user nice system idle iowait irq softirq steal guest guest_nice, in USER_HZ.
    private static readonly string[] ProcStat =
    [
        "cpu  2078439 0 332570 4357364 20106 0 26034 64624 0 0",
        "cpu0 927688 0 177198 2281633 4348 0 13875 32658 0 0",
        "cpu1 1150751 0 155372 2075731 15758 0 12159 31966 0 0",
        "intr 123456 0 9 0",
        "ctxt 987654",
    ];

    [Fact]
    public void The_steal_column_of_the_cpus_asked_for_is_summed_in_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(319.66), HostSteal.FromProcStat(ProcStat, new SortedSet<int> { 1 }, ticksPerSecond: 100));
        Assert.Equal(TimeSpan.FromSeconds(646.24), HostSteal.FromProcStat(ProcStat, new SortedSet<int> { 0, 1 }, ticksPerSecond: 100));
    }

    [Fact]
    public void A_cpu_missing_from_proc_stat_is_named()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => HostSteal.FromProcStat(ProcStat, new SortedSet<int> { 1, 3 }, ticksPerSecond: 100));
        Assert.Equal("/proc/stat has no line for CPU 3", error.Message);
    }

    [Fact]
    public void A_line_without_a_steal_column_is_refused_quoting_it()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => HostSteal.FromProcStat(["cpu0 927688 0 177198 2281633"], new SortedSet<int> { 0 }, ticksPerSecond: 100));
        Assert.Contains("the cpu0 line has no steal column (the 8th value): 'cpu0 927688 0 177198 2281633'",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_percentage_is_of_the_time_all_the_cpus_had()
    {
        Assert.Equal(1.0, HostSteal.Percent(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), cpuCount: 1));
        Assert.Equal(0.5, HostSteal.Percent(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), cpuCount: 2));
        Assert.Equal(0, HostSteal.Percent(TimeSpan.FromMilliseconds(50), TimeSpan.Zero, cpuCount: 1));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.9, 0.3)]
    public void A_quiet_host_gets_no_warning(double loopPercent, double barePercent) =>
        Assert.Null(HostSteal.NoisyHostWarning(loopPercent, barePercent));

    [Theory]
    [InlineData(1, 0, "took 1 % of the loop's CPU time and 0 % of the bare loop's")]
    [InlineData(0.2, 6.25, "took 0.2 % of the loop's CPU time and 6.3 % of the bare loop's")]
    public void A_noisy_host_in_either_loops_turns_is_named_with_both_shares(double loopPercent, double barePercent, string expected)
    {
        var warning = HostSteal.NoisyHostWarning(loopPercent, barePercent);
        Assert.NotNull(warning);
        Assert.Contains(expected, warning, StringComparison.Ordinal);
        Assert.Contains("the timing figures of this run measure the host more than the daemon", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void This_machine_reports_a_steal_time_for_every_cpu_this_process_may_use()
    {
        var cpus = CpuList.AllowedFor(Environment.ProcessId);
        Assert.True(HostSteal.SoFar(cpus) >= TimeSpan.Zero);
    }
}
