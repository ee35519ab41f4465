using System.CommandLine;
using System.Globalization;
using HumanoidRl.Cli.Common;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Training.Ppo;
using HumanoidRl.Training.Runs;

namespace HumanoidRl.Cli.Train;

/// <summary>`humanoid-rl train`: PPO on the randomized humanoid, resumable, with an exported policy at the end.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task")
        {
            Description = "Task name (robot-config/tasks/NAME.yaml).", DefaultValueFactory = _ => "balance",
        };
        var config = new Option<string?>("--config") { Description = "Task YAML file to use instead of --task." };
        var envs = new Option<int?>("--envs")
        {
            Description = "Parallel environments (default: the task's budget.environments).",
        }.AtLeast(1, "environments");
        var iterations = new Option<int?>("--iterations")
        {
            Description = "PPO iterations to run in total (default: the task's budget.iterations).",
        }.AtLeast(1, "iterations");
        var minutes = new Option<double?>("--minutes")
        {
            Description = "Wall-time budget; training stops at whichever of --iterations or --minutes comes first.",
        }.Positive("minutes");
        var seed = new Option<long>("--seed")
        {
            Description = "Seed for weights, action noise and environments.", DefaultValueFactory = _ => 1,
        };
        var runDir = new Option<string?>("--run-dir") { Description = "Run folder (default runs/TASK-yyyyMMdd-HHmmss)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its latest checkpoint." };
        var initFrom = new Option<string?>("--init-from")
        {
            Description = "Start this new run from another run's checkpoint (weights, normalizers, optimizer, curriculum and iteration) " +
                          "and continue it under this task config, e.g. with changed reward weights; --iterations then counts from the " +
                          "start of that run. Or from an exported policy (.onnx, e.g. when its checkpoints are gone): its actor, its " +
                          "normalizer and the action std it recorded (else the task's initial_action_std), a new critic, from iteration " +
                          "0. Either way its policy contract must match (the gait clock period may change; from a policy, " +
                          "observation.history may also stack more frames: the added ones start with zero weights).",
        };
        var criticWarmup = new Option<int?>("--critic-warmup")
        {
            Description = $"Updates that train the critic alone before PPO moves the policy (default from an exported policy, whose new " +
                          $"critic knows nothing yet: the iterations of {PolicyCriticWarmupEpisodes} whole episodes, 315 for the shipped " +
                          $"tasks; 0 otherwise).",
        }.AtLeast(0, "iterations");
        var export = new Option<string?>("--export")
        {
            Description = "Also write the final policy here (e.g. runs/humanoid16-balance.onnx; the folder is created, " +
                          "and checked before training starts).",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Cores the run uses: threads for environment stepping, and libtorch's threads in the PPO update " +
                          "(one while collecting: see bench train).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        }.AtLeast(1, "threads");
        var command = new Command("train",
            "Train a policy with PPO in the domain-randomized MuJoCo humanoid. Ctrl-C or SIGTERM saves a checkpoint; --resume continues " +
            "exactly there. The run folder gets run.json (seed, source revision, config fingerprints), copies of the configs, " +
            "checkpoints/, TensorBoard events, progress.csv, learning_curve.png and policy.onnx.")
        {
            task, config, envs, iterations, minutes, seed, runDir, resume, initFrom, criticWarmup, export, threads,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(resume) is not null && result.GetValue(initFrom) is not null)
                result.AddError(
                    "--resume continues a run with its own state; --init-from starts a new run from a checkpoint: give one of them.");
            if (result.GetValue(criticWarmup) is not null && result.GetValue(resume) is not null)
                result.AddError("--critic-warmup applies to a new run; a resumed run keeps its own.");
        });
        command.SetAction(parse => Run(new TrainArguments(
            parse.GetValue(task)!, parse.GetValue(config), parse.GetValue(envs), parse.GetValue(iterations), parse.GetValue(minutes),
            parse.GetValue(seed), parse.GetValue(runDir), parse.GetValue(resume), parse.GetValue(initFrom), parse.GetValue(criticWarmup),
            parse.GetValue(export), parse.GetValue(threads))));
        return command;
    }

    private sealed record TrainArguments(string Task, string? Config, int? Envs, int? Iterations, double? Minutes, long Seed,
        string? RunDir, string? Resume, string? InitFrom, int? CriticWarmup, string? Export, int Threads);

    /// <summary>
    /// Critic-only updates after taking over an exported policy, counted in whole episodes: a new critic learns the
    /// value of late-episode states only as episodes reach them, and PPO that starts before the critic knows them
    /// costs the policy survival.
    /// </summary>
    private const int PolicyCriticWarmupEpisodes = 3;

    /// <summary>Iterations that cover <see cref="PolicyCriticWarmupEpisodes"/> whole episodes of the task.</summary>
    public static int DefaultPolicyCriticWarmup(TaskConfig task, RobotConfig robot)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(robot);
        var episodePolicySteps = task.Environment.EpisodePolicySteps(robot.LoopPeriodS);
        return PolicyCriticWarmupEpisodes * ((episodePolicySteps + task.Ppo.NumStepsPerEnv - 1) / task.Ppo.NumStepsPerEnv);
    }

    private static int Run(TrainArguments arguments)
    {
        try
        {
            using var stop = new StopSignals(CancellationToken.None);
            if (arguments.Export is { } destination) CheckExportDestination(destination);

            using var session = arguments.Resume is { } resume
                ? TrainingSession.Resume(resume, arguments.Threads, arguments.Iterations)
                : StartNew(arguments);
            Console.WriteLine($"run folder: {session.RunFolder}");
            Console.WriteLine($"envs: {session.Manifest.Environments}, target iterations: {session.Manifest.TargetIterations}" +
                              (session.Manifest.BudgetMinutes is { } m ? $", budget: {m} min" : "") +
                              $", starting at iteration {session.Runner.Iteration}, seed {session.Manifest.Seed}");
            var outcome = session.Run(
                stop.Token,
                (statistics, eta) => Console.WriteLine(Describe(statistics, session.Manifest.TargetIterations, eta)),
                recovery => Console.Error.WriteLine(
                    $"train: libtorch error in iteration {recovery.FailedIteration} ({recovery.Error}); back to the checkpoint " +
                    $"of iteration {recovery.ResumedFromIteration} " +
                    $"(attempt {recovery.Attempt} of {TrainingSession.MaxLibTorchRecoveriesPerCheckpoint})"));

            var policy = Path.Combine(session.RunFolder, TrainingSession.PolicyFileName);
            Console.WriteLine($"{Outcome(outcome)} at iteration {session.Runner.Iteration}; checkpoint {session.LatestCheckpointPath}");
            Console.WriteLine($"policy: {policy}");
            if (arguments.Export is { } exportPath)
            {
                try
                {
                    File.Copy(policy, exportPath, overwrite: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"train: --export {exportPath}: cannot write it ({e.Message}); the trained policy is {policy}");
                    return 2;
                }
                Console.WriteLine($"exported: {Path.GetFullPath(exportPath)}");
            }
            if (outcome == TrainingOutcome.Interrupted) Console.WriteLine($"resume with: humanoid-rl train --resume {session.RunFolder}");
            return outcome == TrainingOutcome.Interrupted ? 130 : 0;
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            Console.Error.WriteLine(
                $"train: libtorch error that going back to the latest checkpoint did not clear: {LibTorchRecovery.FirstLine(e.Message)}");
            Console.Error.WriteLine(
                "train: the run folder's latest checkpoint is the last one written before it (resume with --resume RUN_FOLDER)");
            return 1;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or ArgumentException
            or Core.Config.ConfigFileException)
        {
            Console.Error.WriteLine($"train: {e.Message}");
            return 2;
        }
    }

    /// <summary>
    /// Refuses an --export path that cannot be written before any training, not after it: creates its folder and
    /// writes and deletes a probe file next to it, leaving no half-written policy behind.
    /// </summary>
    private static void CheckExportDestination(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            throw new IOException($"--export {path}: is a folder (expected the policy file to write, e.g. models/NAME.onnx)");
        var folder = Path.GetDirectoryName(fullPath)!;
        var probe = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.probe");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--export {path}: cannot write into {folder} ({e.Message})", e);
        }
    }

    private static TrainingSession StartNew(TrainArguments arguments)
    {
        var taskFile = arguments.Config is { } file ? Path.GetFullPath(file) : RepositoryFiles.TaskFile(arguments.Task);
        var task = TaskConfigLoader.Load(taskFile);
        var robot = RobotConfigLoader.Load(task.RobotConfigPath);
        var runFolder = arguments.RunDir ?? Path.Combine("runs", $"{task.Name}-{DateTime.Now:yyyyMMdd-HHmmss}");
        var options = new TrainingRunOptions(
            runFolder,
            arguments.Seed,
            arguments.Envs ?? task.Budget.Environments,
            arguments.Iterations ?? (arguments.Minutes is null ? task.Budget.Iterations : int.MaxValue),
            arguments.Minutes,
            arguments.Threads,
            string.Join(' ', Environment.GetCommandLineArgs()),
            InitFrom: arguments.InitFrom,
            CriticWarmupIterations: arguments.CriticWarmup
                ?? (arguments.InitFrom is { } source && TrainingSession.IsExportedPolicy(source)
                    ? DefaultPolicyCriticWarmup(task, robot)
                    : 0));
        return TrainingSession.Start(taskFile, task, robot, options);
    }

    private static string Outcome(TrainingOutcome outcome) => outcome switch
    {
        TrainingOutcome.Completed => "completed",
        TrainingOutcome.TimeBudgetReached => "time budget reached",
        _ => "interrupted",
    };

    private static string Describe(IterationStatistics s, int target, TimeSpan? eta)
    {
        var episodes = s.Episodes;
        // Before the first episode ends there is nothing to average; say so instead of printing NaN.
        string Figure(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
        var targetText = target == int.MaxValue ? "" : $"/{target}";
        var etaText = eta is { } e ? $"{(int)e.TotalHours:D2}:{e.Minutes:D2}:{e.Seconds:D2}" : "--:--:--";
        // Only runs with a velocity head have its loss to show.
        var velocityText = double.IsNaN(s.Update.VelocityEstimationLoss) ? "" : $"vel {s.Update.VelocityEstimationLoss:F3} | ";
        return string.Create(CultureInfo.InvariantCulture,
            $"it {s.Iteration}{targetText} | {s.EnvironmentStepsPerSecond,7:F0} steps/s | return {Figure(episodes.MeanReturn, "F2"),8} | " +
            $"len {Figure(episodes.MeanLength, "F1"),6} | falls {Figure(episodes.FallRate, "F2"),4} | kl {s.Update.MeanKl,6:F4} | " +
            $"lr {s.Update.LearningRate:0.0e+0} | " +
            $"std {s.MeanActionStd:F2} | clamped {s.ClampedActionFraction:F2} | {velocityText}ETA {etaText}");
    }
}
