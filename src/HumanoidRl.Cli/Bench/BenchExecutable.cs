namespace HumanoidRl.Cli.Bench;

/// <summary>
/// Finds the humanoid-rld-bench build to run: next to this CLI (an install that ships both), in the repository's bench
/// build output (same configuration as this CLI first), or on PATH. The CLI never links the daemon's or the bench's code.
/// </summary>
internal static class BenchExecutable
{
    private const string ProgramName = "humanoid-rld-bench";
    private const string AssemblyFile = ProgramName + ".dll";

    /// <summary>The program and the arguments that start it (a .dll runs under the dotnet host).</summary>
    public static (string Program, string[] Arguments) Locate(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath);
            if (!File.Exists(full))
                throw new FileNotFoundException($"--bench: {full} does not exist (expected {ProgramName} or {AssemblyFile})", full);
            return Launch(full);
        }
        var looked = new List<string>();
        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate)) return Launch(candidate);
            looked.Add(candidate);
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var onPath = Path.Combine(folder, ProgramName);
            if (File.Exists(onPath)) return (onPath, []);
        }
        throw new FileNotFoundException(
            $"{ProgramName} not found (looked at {string.Join(", ", looked)} and on PATH): build it with " +
            "`dotnet build src/HumanoidRl.Daemon.Bench -c Release` or pass --bench PATH", AssemblyFile);
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
            var benchBin = Path.Combine(folder.FullName, "src", "HumanoidRl.Daemon.Bench", "bin");
            string[] configurations = configuration is "Release" or "Debug"
                ? [configuration, configuration == "Release" ? "Debug" : "Release"]
                : ["Release", "Debug"];
            foreach (var name in configurations) yield return Path.Combine(benchBin, name, framework, AssemblyFile);
            yield break;
        }
    }
}
