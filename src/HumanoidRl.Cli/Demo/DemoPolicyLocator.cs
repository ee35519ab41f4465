namespace HumanoidRl.Cli.Demo;

/// <summary>Picks the policy the demo runs when none is given: the shipped balance model, else the newest training run's.</summary>
internal static class DemoPolicyLocator
{
    public const string ShippedPolicy = "models/humanoid16-balance.onnx";
    public const string RunPolicies = "runs/*/policy.onnx";

    /// <summary>The default policy under the repository root; FileNotFoundException naming both places when there is none.</summary>
    public static string Find(string repositoryRoot)
    {
        var shipped = Path.Combine(repositoryRoot, ShippedPolicy);
        if (File.Exists(shipped)) return shipped;
        var runs = Path.Combine(repositoryRoot, "runs");
        var newest = Directory.Exists(runs)
            ? Directory.EnumerateDirectories(runs)
                .Select(run => new FileInfo(Path.Combine(run, "policy.onnx")))
                .Where(file => file.Exists)
                .MaxBy(file => file.LastWriteTimeUtc)
            : null;
        return newest?.FullName ?? throw new FileNotFoundException(
            $"no policy to run: neither {shipped} nor any {Path.Combine(repositoryRoot, RunPolicies)} exists " +
            "(train one with `humanoid-rl train`, or pass --policy FILE)");
    }

    /// <summary>The repository the CLI runs in: the current folder or one above it, else one above the build output.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) return folder.FullName;
            }
        }
        return null;
    }
}
