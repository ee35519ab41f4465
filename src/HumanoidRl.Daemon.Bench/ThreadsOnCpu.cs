namespace HumanoidRl.Daemon.Bench;

/// <summary>Which of this process's threads the kernel may run on a CPU, read from /proc/self/task.</summary>
internal static class ThreadsOnCpu
{
    /// <summary>The names (comm, at most 15 characters) of the threads whose affinity mask holds <paramref name="cpu"/>.</summary>
    public static IReadOnlyList<string> Names(int cpu)
    {
        var names = new List<string>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (CpuList.AllowedFor(Path.Combine(task, "status")).Contains(cpu))
                    names.Add(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'));
            }
            catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                // The thread ended while the list was read.
            }
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
