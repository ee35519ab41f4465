using System.Globalization;

namespace HumanoidRl.Daemon.Bench;

/// <summary>The kernel's CPU list format ("0-3,6"), as in /proc/PID/status Cpus_allowed_list and taskset -c.</summary>
internal static class CpuList
{
    public static SortedSet<int> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var cpus = new SortedSet<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new FormatException($"'{list}' is not a CPU list: '{part}' is neither a CPU number nor a range like 0-3");
            var first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var last = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (last < first) throw new FormatException($"'{list}' is not a CPU list: the range '{part}' runs backwards");
            for (var cpu = first; cpu <= last; cpu++) cpus.Add(cpu);
        }
        return cpus;
    }

    public static string Format(IEnumerable<int> cpus) =>
        string.Join(',', cpus.Order().Select(cpu => cpu.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The CPUs process <paramref name="pid"/> may run on, from /proc.</summary>
    public static SortedSet<int> AllowedFor(int pid) => AllowedFor($"/proc/{pid}/status");

    /// <summary>The CPUs allowed by a /proc status file: a process's, or a thread's (/proc/PID/task/TID/status).</summary>
    public static SortedSet<int> AllowedFor(string statusPath)
    {
        const string Key = "Cpus_allowed_list:";
        var line = File.ReadLines(statusPath).FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"{statusPath} has no {Key} line");
        return Parse(line[Key.Length..].Trim());
    }
}
