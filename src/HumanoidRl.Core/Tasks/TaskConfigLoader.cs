using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Tasks;

/// <summary>Loads a task file (environment, rewards, randomization, commands, PPO settings) and validates it completely.</summary>
public static class TaskConfigLoader
{
    /// <summary>Throws <see cref="TaskConfigException"/> listing every problem as file:line: field: problem (expected ...).</summary>
    public static TaskConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"{path}: task config file not found (looked at {fullPath}).", fullPath);
        var diagnostics = new ConfigDiagnostics(path);
        var root = ConfigYaml.Parse(File.ReadAllText(fullPath), diagnostics, "a mapping with task, environment, rewards, ...");
        var config = root is null ? null : new TaskConfigReader(diagnostics).Read(root, path, Path.GetDirectoryName(fullPath)!);
        if (config is null || diagnostics.HasErrors) throw new TaskConfigException(path, diagnostics.Errors);
        return config;
    }
}
