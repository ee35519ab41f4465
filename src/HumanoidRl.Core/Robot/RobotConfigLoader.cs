using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Robot;

/// <summary>Loads robot-config/*.yaml and validates it completely before anything uses it.</summary>
public static class RobotConfigLoader
{
    /// <summary>
    /// Parses and validates a robot config. Throws <see cref="RobotConfigException"/> listing every problem
    /// (malformed YAML, missing/unknown keys, bad types and values, inconsistent references) with its line.
    /// </summary>
    public static RobotConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"{path}: robot config file not found (looked at {fullPath}).", fullPath);

        var diagnostics = new ConfigDiagnostics(path);
        var root = ConfigYaml.Parse(File.ReadAllText(fullPath), diagnostics,
            "a mapping with the keys robot, base, motors, buses, imu, safety, joints");
        var config = root is null
            ? null
            : new RobotConfigReader(diagnostics).Read(root, path, Path.GetDirectoryName(fullPath)!);
        if (config is null || diagnostics.HasErrors) throw new RobotConfigException(path, diagnostics.Errors);
        return config;
    }
}
