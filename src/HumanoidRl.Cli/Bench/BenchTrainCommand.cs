using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HumanoidRl.Cli.Common;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Environment;
using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using Spectre.Console;

namespace HumanoidRl.Cli.Bench;

/// <summary>
/// `bench train`: policy steps per second of real PPO training (collection with batched inference plus the
/// update) next to pure environment stepping of the same environments, and next to the same training with
/// libtorch on every core, measured in one run.
/// </summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "Task name or YAML file.", DefaultValueFactory = _ => "balance" };
        var envs = new Option<int?>("--envs") { Description = "Parallel environments (default: the task's budget)." };
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per phase (three phases).", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object." };
        var command = new Command("train", "Training throughput: env steps/s of PPO training (collection + update) against pure environment stepping, as a ratio.")
        {
            task, envs, seconds, json,
        };
        command.SetAction(parse => Run(parse.GetValue(task)!, parse.GetValue(envs), parse.GetValue(seconds), parse.GetValue(json)));
        return command;
    }

    private static int Run(string taskName, int? environmentCount, double seconds, bool json)
    {
        TorchSharpLoader.Ensure();
        var taskConfig = TaskConfigLoader.Load(RepositoryFiles.TaskFile(taskName));
        var robot = RobotConfigLoader.Load(taskConfig.RobotConfigPath);
        var environments = environmentCount ?? taskConfig.Budget.Environments;
        var threads = Environment.ProcessorCount;
        using var task = new HumanoidTask(taskConfig, robot);

        if (!json) AnsiConsole.MarkupLine($"[grey]measuring pure stepping of {environments} environments for {seconds:F0} s[/]");
        double stepping;
        using (var vector = new HumanoidVectorEnvironment(task, environments, threads))
        {
            vector.Reset(1);
            var random = new Random(2);
            var actions = new float[environments * vector.ActionSize];
            for (var i = 0; i < actions.Length; i++) actions[i] = (float)((random.NextDouble() * 2) - 1) * 0.3f;
            var watch = Stopwatch.StartNew();
            long steps = 0;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                vector.Step(actions);
                steps += environments;
            }
            stepping = steps / watch.Elapsed.TotalSeconds;
        }

        if (!json) AnsiConsole.MarkupLine($"[grey]measuring PPO training as train runs it (libtorch on one thread) for {seconds:F0} s[/]");
        var (training, collectionShare) = MeasureTraining(task, taskConfig, environments, threads, TrainingSettings.TrainingTorchThreads, seconds);
        if (!json) AnsiConsole.MarkupLine($"[grey]measuring PPO training with libtorch on {threads} threads for {seconds:F0} s[/]");
        var (trainingTorchOnAllCores, _) = MeasureTraining(task, taskConfig, environments, threads, threads, seconds);

        var figures = new Dictionary<string, object>
        {
            ["envs"] = environments,
            ["cores"] = threads,
            ["training_env_steps_per_s"] = Math.Round(training),
            ["stepping_env_steps_per_s"] = Math.Round(stepping),
            ["ratio"] = Math.Round(training / stepping, 3),
            ["collection_share"] = Math.Round(collectionShare, 3),
            // Why train keeps libtorch on one thread: the same training with libtorch on every core, side by side.
            ["training_torch_all_cores_env_steps_per_s"] = Math.Round(trainingTorchOnAllCores),
            ["torch_all_cores_ratio"] = Math.Round(trainingTorchOnAllCores / training, 3),
        };
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(figures));
        }
        else
        {
            var table = new Table().AddColumns("figure", "value");
            foreach (var (name, value) in figures) table.AddRow(name, Convert.ToString(value, CultureInfo.InvariantCulture)!);
            AnsiConsole.Write(table);
        }
        return 0;
    }

    /// <summary>Policy steps per second of PPO iterations (after one warm-up iteration) and the collection's share of their time.</summary>
    private static (double StepsPerS, double CollectionShare) MeasureTraining(
        HumanoidTask task, TaskConfig taskConfig, int environments, int environmentThreads, int torchThreads, double seconds)
    {
        using var vector = new HumanoidVectorEnvironment(task, environments, environmentThreads);
        vector.Reset(1);
        using var runner = new OnPolicyRunner(vector, new TrainingSettings { Ppo = taskConfig.Ppo, Policy = taskConfig.Policy, TorchThreadCount = torchThreads });
        runner.Learn(1);
        var watch = Stopwatch.StartNew();
        double collectionS = 0, updateS = 0;
        long steps = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var statistics = runner.Learn(1)[0];
            collectionS += statistics.CollectionSeconds;
            updateS += statistics.UpdateSeconds;
            steps += (long)taskConfig.Ppo.NumStepsPerEnv * environments;
        }
        return (steps / watch.Elapsed.TotalSeconds, collectionS / (collectionS + updateS));
    }
}
