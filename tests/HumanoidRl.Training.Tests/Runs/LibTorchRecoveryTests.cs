using System.Runtime.InteropServices;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Training.Runs;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Runs;

/// <summary>
/// A libtorch error during an iteration: the run goes back to its latest checkpoint. The errors here are real
/// libtorch errors (an impossible view) raised while the run reports an iteration.
/// </summary>
public sealed class LibTorchRecoveryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-recover-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TrainingSession Start(int iterations)
    {
        var taskFile = ShortWalkTask.Write(_folder, "walk", "walk-short.yaml");
        var task = TaskConfigLoader.Load(taskFile);
        var robot = RobotConfigLoader.Load(task.RobotConfigPath);
        var options = new TrainingRunOptions(Path.Combine(_folder, "run"), Seed: 3, Environments: 2, iterations, Minutes: null, Threads: 1,
            CommandLine: "test", CheckpointEveryIterations: 2);
        return TrainingSession.Start(taskFile, task, robot, options);
    }

    private static void FailInLibTorch()
    {
        using var values = ones(2);
        using var impossible = values.view(3);
    }

    [Fact]
    public void An_error_goes_back_to_the_latest_checkpoint_and_the_run_completes()
    {
        using var session = Start(iterations: 5);
        var recoveries = new List<LibTorchRecovery>();
        var reported = new List<int>();
        var failed = false;

        var outcome = session.Run(CancellationToken.None, (statistics, _) =>
        {
            reported.Add(statistics.Iteration);
            if (statistics.Iteration != 3 || failed) return;
            failed = true;
            FailInLibTorch();
        }, recoveries.Add);

        Assert.Equal(TrainingOutcome.Completed, outcome);
        var recovery = Assert.Single(recoveries);
        Assert.Equal((3, 2, 1), (recovery.FailedIteration, recovery.ResumedFromIteration, recovery.Attempt));
        Assert.Contains("invalid for input of size 2", recovery.Error, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3, 3, 4, 5], reported);
        Assert.Equal(5, session.Runner.Iteration);
        using var resumed = TrainingSession.Resume(session.RunFolder, threads: 1);
        Assert.Equal(5, resumed.Runner.Iteration);
    }

    [Fact]
    public void An_error_that_repeats_is_rethrown_and_leaves_the_latest_checkpoint_as_it_was()
    {
        string runFolder;
        var recoveries = new List<LibTorchRecovery>();
        using (var session = Start(iterations: 5))
        {
            runFolder = session.RunFolder;
            Assert.Throws<ExternalException>(() => session.Run(CancellationToken.None, (statistics, _) =>
            {
                if (statistics.Iteration == 3) FailInLibTorch();
            }, recoveries.Add));
        }

        Assert.Equal(TrainingSession.MaxLibTorchRecoveriesPerCheckpoint, recoveries.Count);
        Assert.All(recoveries, r => Assert.Equal((3, 2), (r.FailedIteration, r.ResumedFromIteration)));
        Assert.Equal([1, 2, 3], recoveries.Select(r => r.Attempt));
        using var resumed = TrainingSession.Resume(runFolder, threads: 1);
        Assert.Equal(2, resumed.Runner.Iteration);
    }
}
