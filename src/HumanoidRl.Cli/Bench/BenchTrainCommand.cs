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
/// update) next to pure environment stepping of the same environments, and next to the same training with libtorch
/// on one thread throughout and on every core throughout, taking turns in one run.
/// </summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "Task name or YAML file.", DefaultValueFactory = _ => "balance" };
        var envs = new Option<int?>("--envs") { Description = "Parallel environments (default: the task's budget)." }
            .AtLeast(1, "environments");
        var seconds = new Option<double>("--seconds") { Description = "Measuring time of each of pure stepping and the three training " +
            "configurations, which take turns.", DefaultValueFactory = _ => 20 }.Positive("seconds");
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object." };
        var command = new Command("train", "Training throughput: env steps/s of PPO training (collection + update) against pure " +
            "environment stepping, as a ratio.")
        {
            task, envs, seconds, json,
        };
        command.SetAction(parse => Run(parse.GetValue(task)!, parse.GetValue(envs), parse.GetValue(seconds), parse.GetValue(json),
            parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string taskName, int? environmentCount, double seconds, bool json, TextWriter output)
    {
        TorchSharpLoader.Ensure();
        var taskConfig = TaskConfigLoader.Load(RepositoryFiles.TaskFile(taskName));
        var robot = RobotConfigLoader.Load(taskConfig.RobotConfigPath);
        var environments = environmentCount ?? taskConfig.Budget.Environments;
        var threads = Environment.ProcessorCount;
        using var task = new HumanoidTask(taskConfig, robot);

        var one = TrainingSettings.CollectionTorchThreads;
        if (!json)
        {
            AnsiConsole.MarkupLine($"[grey]measuring for {seconds:F0} s each, taking turns an iteration at a time: pure stepping of " +
                $"{environments} environments, PPO training as train runs it (libtorch on {one} thread while collecting, {threads} in " +
                $"the update), on {one} thread throughout, on {threads} throughout[/]");
        }
        var (stepping, measured) = MeasureInTurns(task, taskConfig, environments, threads, [(one, threads), (one, one), (threads, threads)],
            seconds);
        var (training, collectionShare) = measured[0];
        var trainingTorchOnOneThread = measured[1].StepsPerS;
        var trainingTorchOnAllCores = measured[2].StepsPerS;

        var figures = new Dictionary<string, object>
        {
            ["envs"] = environments,
            ["cores"] = threads,
            ["training_env_steps_per_s"] = Math.Round(training),
            ["stepping_env_steps_per_s"] = Math.Round(stepping),
            ["ratio"] = Math.Round(training / stepping, 3),
            ["collection_share"] = Math.Round(collectionShare, 3),
            // Why train gives libtorch one thread while collecting and every core in the update: the same training
            // with one thread throughout and with every core throughout, side by side (ratios against train's way).
            ["training_torch_one_thread_env_steps_per_s"] = Math.Round(trainingTorchOnOneThread),
            ["torch_one_thread_ratio"] = Math.Round(trainingTorchOnOneThread / training, 3),
            ["training_torch_all_cores_env_steps_per_s"] = Math.Round(trainingTorchOnAllCores),
            ["torch_all_cores_ratio"] = Math.Round(trainingTorchOnAllCores / training, 3),
        };
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(figures));
        }
        else
        {
            var table = new Table().AddColumns("figure", "value");
            foreach (var (name, value) in figures) table.AddRow(name, Convert.ToString(value, CultureInfo.InvariantCulture)!);
            AnsiConsole.Write(table);
        }
        return 0;
    }

    /// <summary>
    /// Policy steps per second of pure environment stepping (random actions), and of PPO iterations (after one warm-up
    /// iteration each) with the collection's share of their time for each libtorch thread configuration (collection,
    /// update). They take turns one iteration's worth of steps at a time until each has run <paramref name="seconds"/>,
    /// so all see the same host noise, which on a shared machine changes from one second to the next.
    /// </summary>
    private static (double SteppingStepsPerS, (double StepsPerS, double CollectionShare)[] Training) MeasureInTurns(
        HumanoidTask task, TaskConfig taskConfig, int environments, int environmentThreads, (int Collection, int Update)[] torchThreads,
            double seconds)
    {
        var vectors = new List<HumanoidVectorEnvironment>();
        var runners = new List<OnPolicyRunner>();
        try
        {
            var stepped = new HumanoidVectorEnvironment(task, environments, environmentThreads);
            vectors.Add(stepped);
            stepped.Reset(1);
            var random = new Random(2);
            var actions = new float[environments * stepped.ActionSize];
            for (var i = 0; i < actions.Length; i++) actions[i] = (float)((random.NextDouble() * 2) - 1) * 0.3f;
            foreach (var (collection, update) in torchThreads)
            {
                var vector = new HumanoidVectorEnvironment(task, environments, environmentThreads);
                vectors.Add(vector);
                vector.Reset(1);
                var runner = new OnPolicyRunner(vector, new TrainingSettings
                {
                    Ppo = taskConfig.Ppo,
                    Policy = taskConfig.Policy,
                    CollectionTorchThreadCount = collection,
                    UpdateTorchThreadCount = update,
                });
                runners.Add(runner);
                runner.Learn(1);
            }
            double steppingS = 0;
            var collectionS = new double[runners.Count];
            var iterationS = new double[runners.Count];
            var stepsPerIteration = (long)taskConfig.Ppo.NumStepsPerEnv * environments;
            var iterations = 0;
            while (Math.Min(steppingS, iterationS.Min()) < seconds)
            {
                var watch = Stopwatch.StartNew();
                for (var step = 0; step < taskConfig.Ppo.NumStepsPerEnv; step++) stepped.Step(actions);
                steppingS += watch.Elapsed.TotalSeconds;
                for (var i = 0; i < runners.Count; i++)
                {
                    var statistics = runners[i].Learn(1)[0];
                    collectionS[i] += statistics.CollectionSeconds;
                    iterationS[i] += statistics.CollectionSeconds + statistics.UpdateSeconds;
                }
                iterations++;
            }
            var steps = (double)iterations * stepsPerIteration;
            return (steps / steppingS, [.. Enumerable.Range(0, runners.Count).Select(i =>
                (steps / iterationS[i], collectionS[i] / iterationS[i]))]);
        }
        finally
        {
            foreach (var runner in runners) runner.Dispose();
            foreach (var vector in vectors) vector.Dispose();
        }
    }
}
