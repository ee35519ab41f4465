using System.Globalization;

namespace HumanoidRl.Control.Tests.Realtime;

/// <summary>The kernel's view of a thread's CPU mask (/proc/self/task/TID/status), not ours.</summary>
internal static class ThreadCpus
{
    /// <summary>The Cpus_allowed_list of a thread ("self" = the calling thread).</summary>
    public static HashSet<int> Allowed(string tid)
    {
        var path = tid == "self" ? "/proc/thread-self/status" : $"/proc/self/task/{tid}/status";
        var line = File.ReadLines(path).First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var cpus = new HashSet<int>();
        foreach (var part in line["Cpus_allowed_list:".Length..].Trim().Split(','))
        {
            var bounds = part.Split('-').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
            for (var cpu = bounds[0]; cpu <= bounds[^1]; cpu++) cpus.Add(cpu);
        }
        return cpus;
    }
}
