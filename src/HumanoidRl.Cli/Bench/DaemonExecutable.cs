namespace HumanoidRl.Cli.Bench;

/// <summary>
/// Finds the humanoid-rld build to run: next to this CLI (an install that ships both), in the repository's daemon
/// build output (same configuration as this CLI first), or on PATH. The CLI never links the daemon's code.
/// </summary>
internal static class DaemonExecutable
{
    private const string AssemblyFile = "humanoid-rld.dll";

    /// <summary>The program and the arguments that start it (a .dll runs under the dotnet host).</summary>
    public static (string Program, string[] Arguments) Locate(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath);
            if (!File.Exists(full)) throw new FileNotFoundException($"--daemon: {full} does not exist (expected humanoid-rld or humanoid-rld.dll)", full);
            return Launch(full);
        }
        var looked = new List<string>();
        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate)) return Launch(candidate);
            looked.Add(candidate);
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var onPath = Path.Combine(folder, "humanoid-rld");
            if (File.Exists(onPath)) return (onPath, []);
        }
        throw new FileNotFoundException(
            $"humanoid-rld not found (looked at {string.Join(", ", looked)} and on PATH): build it with " +
            "`dotnet build src/HumanoidRl.Daemon -c Release` or pass --daemon PATH", AssemblyFile);
    }

    private static (string Program, string[] Arguments) Launch(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [path]) : (path, []);

    private static IEnumerable<string> Candidates()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        yield return Path.Combine(here.FullName, AssemblyFile);
        // Build output layout: <repo>/src/HumanoidRl.Cli/bin/<configuration>/<framework>/
        var configuration = here.Parent?.Name;
        var framework = here.Name;
        for (var folder = here; folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) continue;
            var daemonBin = Path.Combine(folder.FullName, "src", "HumanoidRl.Daemon", "bin");
            string[] configurations = configuration is "Release" or "Debug" ? [configuration, configuration == "Release" ? "Debug" : "Release"] : ["Release", "Debug"];
            foreach (var name in configurations) yield return Path.Combine(daemonBin, name, framework, AssemblyFile);
            yield break;
        }
    }
}
