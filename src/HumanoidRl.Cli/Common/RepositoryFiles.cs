namespace HumanoidRl.Cli.Common;

/// <summary>
/// Finds the repository's shipped files (task configs, robot config, models) whether the CLI runs from the
/// repository root, from elsewhere, or from its build output.
/// </summary>
internal static class RepositoryFiles
{
    public const string DefaultRobotConfig = "robot-config/humanoid16.yaml";

    public static string TaskFile(string task) =>
        Resolve(task.EndsWith(".yaml", StringComparison.Ordinal) ? task : $"robot-config/tasks/{task}.yaml");

    /// <summary>The path as given when it exists, otherwise the same relative path under the repository root.</summary>
    public static string Resolve(string path)
    {
        if (File.Exists(path) || Path.IsPathRooted(path)) return Path.GetFullPath(path);
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, path);
            if (File.Exists(candidate) && File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) return candidate;
        }
        throw new FileNotFoundException($"{path}: not found in {Directory.GetCurrentDirectory()} nor in the HumanoidRl repository", path);
    }
}
