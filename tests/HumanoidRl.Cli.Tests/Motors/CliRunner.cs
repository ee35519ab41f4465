using System.CommandLine;
using HumanoidRl.Cli.Bench;
using HumanoidRl.Cli.Motors;
using HumanoidRl.Cli.Sim;

namespace HumanoidRl.Cli.Tests.Motors;

/// <summary>Runs `humanoid-rl` commands in-process with captured output (same parser and actions as the executable).</summary>
internal static class CliRunner
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string RobotConfigPath => Path.Combine(RepositoryRoot, "robot-config", "humanoid16.yaml");

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var root = new RootCommand { MotorsCommand.Create(), SimCommand.Create(), BenchCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(arguments).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "robot-config", "humanoid16.yaml")))
            directory = directory.Parent;
        return directory?.FullName
            ?? throw new DirectoryNotFoundException($"no robot-config/humanoid16.yaml above {AppContext.BaseDirectory}");
    }
}
