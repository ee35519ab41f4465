namespace HumanoidRl.Training.Tests.Runs;

/// <summary>
/// Copies of the shipped walk tasks made small enough for unit tests: 0.2 s episodes and a curriculum any upright
/// robot passes, so the ranges widen at the first decision (after the first episode of each environment,
/// 25 policy steps) and a couple of iterations leave curriculum state worth carrying over.
/// </summary>
internal static class ShortWalkTask
{
    public static string Shipped(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "robot-config", "tasks", $"{name}.yaml");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"robot-config/tasks/{name}.yaml not found above the test binaries");
    }

    /// <summary>Writes the short copy of task <paramref name="name"/>, with the given edits on top, into folder/fileName.</summary>
    public static string Write(string folder, string name, string fileName, params (string From, string To)[] edits)
    {
        var shipped = Shipped(name);
        var robotConfig = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(shipped)!, "..", "humanoid16.yaml"));
        var text = File.ReadAllText(shipped)
            .Replace("robot_config: ../humanoid16.yaml", $"robot_config: {robotConfig}", StringComparison.Ordinal)
            .Replace("episode_s: 20", "episode_s: 0.2", StringComparison.Ordinal)
            .Replace("tracking_threshold: 0.8", "tracking_threshold: 0.01", StringComparison.Ordinal)
            .Replace("max_fall_rate: 0.5", "max_fall_rate: 1.0", StringComparison.Ordinal);
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }
}
