using HumanoidRl.Core.Robot;

namespace HumanoidRl.Hardware.Tests;

/// <summary>The shipped humanoid16 config, and torque constants for the models the catalog has none for.</summary>
internal static class TestRobot
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static RobotConfig Config { get; } = RobotConfigLoader.Load(Path.Combine(RepositoryRoot, "robot-config", "humanoid16.yaml"));

    /// <summary>Round test figures (not datasheet values): the backend and the plant only need to agree.</summary>
    public static IReadOnlyDictionary<string, double> TorqueConstants { get; } = new Dictionary<string, double>
    {
        ["PH54-200-S500"] = 2.0,
        ["PH54-100-S500"] = 2.0,
        ["PH42-020-S300"] = 1.0,
        ["XH540-W270"] = 2.4,
    };

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "robot-config", "humanoid16.yaml")))
            directory = directory.Parent;
        return directory?.FullName
            ?? throw new DirectoryNotFoundException($"no robot-config/humanoid16.yaml above {AppContext.BaseDirectory}");
    }
}
