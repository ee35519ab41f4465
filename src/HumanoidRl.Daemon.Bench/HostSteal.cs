using System.Globalization;
using HumanoidRl.Shared;

namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// Steal time: how long the hypervisor ran something else while a virtual CPU of this machine had work (the steal column of
/// /proc/stat; 0 on bare metal). On a shared VM it is the part of the host's noise that the guest can see, and neither the
/// loop nor the bare loop can do anything about it.
/// </summary>
internal static class HostSteal
{
    private const int ScClockTicks = 2; // _SC_CLK_TCK: /proc/stat counts in these (USER_HZ)

    /// <summary>Steal time of <paramref name="cpus"/> since boot, summed.</summary>
    public static TimeSpan SoFar(IReadOnlySet<int> cpus) => FromProcStat(File.ReadLines("/proc/stat"), cpus, Libc.Sysconf(ScClockTicks));

    /// <summary>The steal column (the 8th value) of the cpuN lines of /proc/stat text, for the CPUs asked for, summed.</summary>
    internal static TimeSpan FromProcStat(IEnumerable<string> lines, IReadOnlySet<int> cpus, long ticksPerSecond)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(cpus);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        long ticks = 0;
        var found = new HashSet<int>();
        foreach (var line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || !fields[0].StartsWith("cpu", StringComparison.Ordinal)
                || !int.TryParse(fields[0].AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var cpu) || !cpus.Contains(cpu))
                continue;
            if (fields.Length < 9 || !long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var steal))
                throw new InvalidDataException($"/proc/stat: the {fields[0]} line has no steal column (the 8th value): '{line}'");
            ticks += steal;
            found.Add(cpu);
        }
        if (found.Count != cpus.Count)
            throw new InvalidDataException($"/proc/stat has no line for CPU {CpuList.Format(cpus.Except(found))}");
        return TimeSpan.FromSeconds(ticks / (double)ticksPerSecond);
    }

    /// <summary>
    /// At or above this share of steal time in either loop's turns the run measured the host more than the daemon: on the 2-vCPU VM
    /// (2026-12-07) every run at 1.7 % or more missed the compute target (73-266 us against 50), and the loop and the bare loop woke up to
    /// 0.3-2.1 ms late at p99 alike; at 0.3 % or less both timing targets held in 3 runs of 4.
    /// </summary>
    public const double NoisyHostPercent = 1;

    /// <summary>A warning for a run whose host took <see cref="NoisyHostPercent"/> or more of either loop's CPU time, else null.</summary>
    public static string? NoisyHostWarning(double loopPercent, double barePercent) =>
        Math.Max(loopPercent, barePercent) < NoisyHostPercent ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"warning: the hypervisor took {loopPercent:0.#} % of the loop's CPU time and {barePercent:0.#} % of the bare loop's " +
                $"(steal time, /proc/stat): the timing figures of this run measure the host more than the daemon; " +
                $"run again on a quiet machine");

    /// <summary>Steal time as a percentage of the time <paramref name="cpuCount"/> CPUs had in <paramref name="wall"/>.</summary>
    public static double Percent(TimeSpan steal, TimeSpan wall, int cpuCount) =>
        wall <= TimeSpan.Zero || cpuCount <= 0 ? 0 : Math.Round(100 * steal / (wall * cpuCount), 1);
}
