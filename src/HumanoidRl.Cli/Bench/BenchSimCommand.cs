using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using HumanoidRl.Cli.Common;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Environment;
using Spectre.Console;

namespace HumanoidRl.Cli.Bench;

/// <summary>
/// `bench sim`: raw mj_step throughput of the robot model through our bindings on one core, against full
/// environment stepping (randomization, latency, observation, reward) on all cores, measured in one run.
/// </summary>
internal static class BenchSimCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "Task name or YAML file whose environment is measured.",
            DefaultValueFactory = _ => "balance" };
        var envs = new Option<int>("--envs") { Description = "Parallel environments.", DefaultValueFactory = _ => 64 }
            .AtLeast(1, "environments");
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per phase (three phases).",
            DefaultValueFactory = _ => 5 }.Positive("seconds");
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object." };
        var command = new Command("sim", "Simulator throughput: raw mj_step per core vs the full randomized environment on all cores " +
            "(target ratio >= 0.8).")
        {
            task, envs, seconds, json,
        };
        command.SetAction(parse => Run(parse.GetValue(task)!, parse.GetValue(envs), parse.GetValue(seconds), parse.GetValue(json)));
        return command;
    }

    private static int Run(string taskName, int environments, double seconds, bool json)
    {
        var taskConfig = TaskConfigLoader.Load(RepositoryFiles.TaskFile(taskName));
        var robot = RobotConfigLoader.Load(taskConfig.RobotConfigPath);
        using var task = new HumanoidTask(taskConfig, robot);
        var cores = Environment.ProcessorCount;

        Progress(json, $"raw mj_step on one core for {seconds:F0} s");
        var raw = RawStepsPerSecond(task, seconds);
        Progress(json, $"{environments} environments on one thread for {seconds:F0} s");
        var singleThread = EnvironmentPhysicsStepsPerSecond(task, environments, 1, seconds);
        Progress(json, $"{environments} environments on {cores} threads for {seconds:F0} s");
        var allCores = EnvironmentPhysicsStepsPerSecond(task, environments, cores, seconds);

        var ratio = allCores / (raw * cores);
        var figures = new Dictionary<string, object>
        {
            ["raw_mj_steps_per_s_per_core"] = Math.Round(raw),
            ["cores"] = cores,
            ["envs"] = environments,
            ["env_physics_steps_per_s"] = Math.Round(allCores),
            ["ratio"] = Math.Round(ratio, 3),
            ["env_physics_steps_per_s_one_thread"] = Math.Round(singleThread),
            ["per_core_efficiency"] = Math.Round(singleThread / raw, 3),
            ["parallel_efficiency"] = Math.Round(allCores / (singleThread * cores), 3),
        };
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(figures));
        }
        else
        {
            var table = new Table().AddColumns("figure", "value");
            foreach (var (name, value) in figures)
                table.AddRow(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("per_core_efficiency = our per-step overhead (randomization, latency lines, observation, reward); " +
                "parallel_efficiency = scaling over cores.");
        }
        return 0;
    }

    private static void Progress(bool json, string message)
    {
        if (!json) AnsiConsole.MarkupLine($"[grey]measuring {Markup.Escape(message)}[/]");
    }

    /// <summary>
    /// A tight mj_step loop. The robot is held by PD torques (a few multiply-adds per step, under 0.1 % of a
    /// step) so it simulates the same standing contact state as the environments; a fallen robot has fewer
    /// contacts and would make the raw figure look better than training conditions.
    /// </summary>
    private static double RawStepsPerSecond(HumanoidTask task, double seconds)
    {
        using var model = task.NominalModel.Copy();
        using var data = new MjData(model);
        var hold = new StandingHold(task);
        data.ResetToKeyframe(task.Binding.StandKeyframeId);
        var watch = Stopwatch.StartNew();
        long steps = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 500; i++)
            {
                hold.ApplyTorques(data);
                data.Step();
            }
            steps += 500;
        }
        return steps / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Full environment stepping; actions come from a PD "stand still" driver so episodes run long, as in training.</summary>
    private static double EnvironmentPhysicsStepsPerSecond(HumanoidTask task, int environments, int threads, double seconds)
    {
        using var vector = new HumanoidVectorEnvironment(task, environments, threads);
        vector.Reset(seed: 1);
        var hold = new StandingHold(task);
        var actions = new float[environments * vector.ActionSize];
        for (var warmUp = 0; warmUp < 20; warmUp++) Drive(vector, hold, actions);
        var watch = Stopwatch.StartNew();
        long policySteps = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            Drive(vector, hold, actions);
            policySteps++;
        }
        return policySteps * environments * task.Decimation / watch.Elapsed.TotalSeconds;
    }

    private static void Drive(HumanoidVectorEnvironment vector, StandingHold hold, float[] actions)
    {
        for (var i = 0; i < vector.EnvironmentCount; i++)
            hold.Actions(vector[i].Data, actions.AsSpan(i * vector.ActionSize, vector.ActionSize));
        vector.Step(actions);
    }
}
