using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HumanoidRl.Cli.Common;
using HumanoidRl.Control.Policy;
using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Evaluation;
using Spectre.Console;

namespace HumanoidRl.Cli.Eval;

/// <summary>`humanoid-rl eval`: judge an exported policy in the randomized simulator.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var policy = new Option<string>("--policy") { Description = "Exported policy (.onnx).", Required = true };
        var task = new Option<string?>("--task") { Description = "Task name or YAML (default: the task named in the policy's metadata)." };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario YAML overriding episode length, randomization (pushes " +
            "included) and commands." };
        var episodes = new Option<int>("--episodes") { Description = "Episodes, run in parallel.", DefaultValueFactory = _ => 50 }
            .AtLeast(1, "episodes");
        var seconds = new Option<double?>("--seconds") { Description = "Episode length (overrides the scenario's)." }.Positive("seconds");
        var seed = new Option<int>("--seed") { Description = "Seed of the randomization draws.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: episodes, survival_rate with its 95 % Wilson " +
            "interval (survival_rate_ci95_low, survival_rate_ci95_high), roll_rms_deg, pitch_rms_deg, mean_episode_s, lin_vel_error_rms, " +
            "yaw_rate_error_rms (instantaneous base velocity; forward_vel_error_rms and lateral_vel_error_rms split the first along the " +
            "heading), lin_vel_error_rms_stride, yaw_rate_error_rms_stride (velocities averaged over one gait period, phase_period_s), " +
            "and lin_vel_error_rms_settled, yaw_rate_error_rms_settled, forward_vel_error_rms_settled, lateral_vel_error_rms_settled " +
            "(from 1 s after each command change and episode start on; settled_sample_fraction = the share of samples they cover), and " +
            "clamped_action_fraction (the share of the policy's output values outside [-1, 1], which the robot clamps)." };
        var command = new Command("eval",
            "Run an ONNX policy with the daemon's inference code (ONNX Runtime) in the domain-randomized simulator and report survival " +
            "(episodes reaching the time limit without a fall), roll/pitch RMS and velocity-tracking errors.")
        {
            policy, task, scenario, episodes, seconds, seed, json,
        };
        command.SetAction(parse =>
        {
            try
            {
                using var loaded = OnnxPolicy.Load(parse.GetValue(policy)!);
                var taskName = parse.GetValue(task) ?? (loaded.Contract.Task.Length > 0 ? loaded.Contract.Task
                    : throw new InvalidDataException($"{loaded.Path}: metadata names no task; pass --task"));
                var taskConfig = TaskConfigLoader.Load(RepositoryFiles.TaskFile(taskName));
                if (parse.GetValue(scenario) is { } scenarioFile) taskConfig = EvalScenario.Load(scenarioFile).ApplyTo(taskConfig);
                if (parse.GetValue(seconds) is { } episodeS)
                    taskConfig = taskConfig with { Environment = taskConfig.Environment with { EpisodeS = episodeS } };
                var robot = RobotConfigLoader.Load(taskConfig.RobotConfigPath);
                var layout = taskConfig.Environment.Layout(robot.JointCount);
                if (layout.Contains(ObservationTermKind.PhaseClock) && loaded.Contract.PhasePeriodS != taskConfig.Environment.PhasePeriodS)
                    Console.Error.WriteLine($"eval: gait clock at the policy's period, {loaded.Contract.PhasePeriodS} s (as the daemon " +
                        $"runs it); {taskConfig.SourcePath} says {taskConfig.Environment.PhasePeriodS} s");
                if (taskConfig.Commands.CanMove && !layout.Contains(ObservationTermKind.Command))
                    Console.Error.WriteLine($"eval: {loaded.Path} does not observe a velocity command (no 'command' term in its " +
                        "observation), so the tracking errors measure it against commands it cannot see");
                var count = parse.GetValue(episodes);
                if (!parse.GetValue(json))
                    AnsiConsole.MarkupLine($"[grey]evaluating {count} episodes of {taskConfig.Environment.EpisodeS:F0} s ...[/]");
                var result = PolicyEvaluator.Evaluate(loaded, taskConfig, robot, count, parse.GetValue(seed), Environment.ProcessorCount);
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(result.ToJsonFields()));
                }
                else
                {
                    var table = new Table().AddColumns("figure", "value");
                    foreach (var (name, value) in result.ToJsonFields())
                        table.AddRow(name, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                    AnsiConsole.Write(table);
                }
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or Core.Config.ConfigFileException)
            {
                Console.Error.WriteLine($"eval: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
