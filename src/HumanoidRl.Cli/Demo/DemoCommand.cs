using System.CommandLine;
using HumanoidRl.Cli.Common;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using Spectre.Console;

namespace HumanoidRl.Cli.Demo;

/// <summary>
/// `demo`: the real controller and a policy on the simulated robot in this process (no daemon, no gRPC): stand
/// up, hand over to the policy, watch it live, then summarize. Exit 0 when it stayed up, 1 when it fell, 2 when
/// the demo could not start.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var policy = new Option<string?>("--policy")
        {
            Description = $"ONNX policy to run (default: {DemoPolicyLocator.ShippedPolicy}, " +
                          $"else the newest {DemoPolicyLocator.RunPolicies}).",
        };
        var seconds = new Option<double>("--seconds")
        {
            Description = "How long the policy runs, in real time.", DefaultValueFactory = _ => 30,
        };
        var pushes = new Option<bool>("--pushes") { Description = "Push the robot at random, as in balance training." };
        var command = new Command(
            "demo", "Stand the simulated robot up and run a policy on the real 500 Hz controller, with a live status and a summary.")
        {
            policy, seconds, pushes,
        };
        command.SetAction(parse => Run(parse.GetValue(policy), parse.GetValue(seconds), parse.GetValue(pushes), AnsiConsole.Console));
        return command;
    }

    public static int Run(string? policyPath, double seconds, bool pushes, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!double.IsFinite(seconds) || seconds <= 0)
        {
            console.MarkupLine(Markup.Escape($"demo: --seconds: must be a positive number of seconds (got {seconds})"));
            return 2;
        }
        DemoSummary summary;
        try
        {
            var robot = RobotConfigLoader.Load(RepositoryFiles.Resolve(RepositoryFiles.DefaultRobotConfig));
            var policy = policyPath is null ? DemoPolicyLocator.Find(RepositoryRoot()) : PolicyFile(policyPath);
            var pushSpec = pushes ? TrainingPushes() : null;
            var session = new DemoSession();
            summary = console.Live(new Markup("[grey]standing up...[/]")).Start(live =>
                session.Run(robot, policy, seconds, pushSpec, progress =>
                {
                    live.UpdateTarget(DemoView.Render(progress));
                    live.Refresh();
                }));
        }
        catch (Exception error)
            when (error is FileNotFoundException or InvalidDataException or InvalidOperationException or Core.Config.ConfigFileException)
        {
            console.MarkupLine(Markup.Escape($"demo: {error.Message}"));
            return 2;
        }
        foreach (var line in summary.Lines()) console.MarkupLine(Markup.Escape(line));
        return summary.ExitCode;
    }

    private static string PolicyFile(string path) =>
        File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new FileNotFoundException($"--policy: {path}: file not found (looked at {Path.GetFullPath(path)})", path);

    private static string RepositoryRoot() =>
        DemoPolicyLocator.RepositoryRoot()
        ?? throw new FileNotFoundException(
            $"no HumanoidRl repository above {Directory.GetCurrentDirectory()} to find {DemoPolicyLocator.ShippedPolicy} " +
            $"or {DemoPolicyLocator.RunPolicies} in; pass --policy FILE");

    /// <summary>The pushes the balance policy is trained against, so the demo tests what training prepared it for.</summary>
    private static RandomizationSpec TrainingPushes()
    {
        var training = TaskConfigLoader.Load(RepositoryFiles.TaskFile("balance")).Randomization;
        return new RandomizationSpec
        {
            PushIntervalS = training.PushIntervalS,
            PushVelocityMPerS = training.PushVelocityMPerS,
            PushDurationS = training.PushDurationS,
        };
    }
}
