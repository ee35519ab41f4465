using System.Globalization;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Training.Ppo;
using HumanoidRl.Training.Runs;

namespace HumanoidRl.Training.Tests.Runs;

/// <summary>A few iterations of the shipped walk task on the real humanoid, small enough for a unit test.</summary>
public sealed class WalkTrainingSessionTests : IDisposable
{
    private const int Environments = 4;
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-walk-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TrainingSession Start(string taskFile, int iterations, string runName)
    {
        var task = TaskConfigLoader.Load(taskFile);
        var robot = RobotConfigLoader.Load(task.RobotConfigPath);
        var options = new TrainingRunOptions(
            Path.Combine(_folder, runName), Seed: 3, Environments, iterations, Minutes: null, Threads: 1, CommandLine: "test");
        return TrainingSession.Start(taskFile, task, robot, options);
    }

    private static string[] LastProgressFields(string runFolder) =>
        File.ReadLines(Path.Combine(runFolder, ProgressLog.FileName)).Last().Split(',');

    [Fact]
    public void Shipped_walk_task_trains_a_few_iterations_and_exports_a_policy()
    {
        using var session = Start(ShortWalkTask.Shipped("walk"), iterations: 2, "walk");

        var outcome = session.Run(CancellationToken.None);

        Assert.Equal(TrainingOutcome.Completed, outcome);
        Assert.Equal(2, session.Runner.Iteration);
        Assert.NotNull(session.Runner.CommandCurriculum);
        Assert.True(File.Exists(Path.Combine(session.RunFolder, TrainingSession.PolicyFileName)));
        var header = File.ReadLines(Path.Combine(session.RunFolder, ProgressLog.FileName)).First().Split(',');
        var last = LastProgressFields(session.RunFolder);
        double Column(string name) => double.Parse(last[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        Assert.Equal(session.Runner.CommandCurriculum.RangeFraction, Column("command_range_fraction"));
        Assert.InRange(Column("clamped_action_fraction"), 0, 1);
    }

    [Fact]
    public void Resume_restores_the_command_curriculum_from_the_checkpoint()
    {
        var taskFile = ShortWalkTask.Write(_folder, "walk", "walk-short.yaml");
        double widened;
        string runFolder;
        using (var session = Start(taskFile, iterations: 2, "short"))
        {
            var initial = session.Runner.CommandCurriculum!.RangeFraction;
            session.Run(CancellationToken.None);
            widened = session.Runner.CommandCurriculum.RangeFraction;
            runFolder = session.RunFolder;
            Assert.True(widened > initial, $"the curriculum did not widen: {initial} -> {widened}");
        }

        using var resumed = TrainingSession.Resume(runFolder, threads: 1, targetIterations: 3);

        Assert.Equal(2, resumed.Runner.Iteration);
        Assert.Equal(widened, resumed.Runner.CommandCurriculum!.RangeFraction);
        resumed.Run(CancellationToken.None);
        Assert.Equal(3, resumed.Runner.Iteration);
        Assert.True(resumed.Runner.CommandCurriculum.RangeFraction >= widened);
    }

    [Fact]
    public void Walk_pd_with_a_velocity_head_trains_resumes_with_it_and_a_checkpoint_without_it_is_refused_naming_the_setting()
    {
        var withHead = ShortWalkTask.Write(
            _folder,
            "walk-pd",
            "walk-pd-velocity.yaml",
            ("bounds_loss_coef: 0.1", "bounds_loss_coef: 0.1\n  velocity_estimation_coef: 1.0"));
        var withoutHead = ShortWalkTask.Write(_folder, "walk-pd", "walk-pd-short.yaml");
        string headRun;
        using (var session = Start(withHead, iterations: 2, "head"))
        {
            IterationStatistics? last = null;
            session.Run(CancellationToken.None, (statistics, _) => last = statistics);
            Assert.NotNull(last);
            Assert.True(double.IsFinite(last.Update.VelocityEstimationLoss) && last.Update.VelocityEstimationLoss > 0,
                $"velocity estimation loss {last.Update.VelocityEstimationLoss}");
            Assert.Equal(3, session.Runner.ActorCritic.VelocityEstimateSize);
            headRun = session.RunFolder;
        }
        using (var resumed = TrainingSession.Resume(headRun, threads: 1, targetIterations: 3))
        {
            resumed.Run(CancellationToken.None);
            Assert.Equal(3, resumed.Runner.Iteration);
        }
        string plainRun;
        using (var session = Start(withoutHead, iterations: 1, "plain"))
        {
            session.Run(CancellationToken.None);
            plainRun = session.RunFolder;
        }
        var checkpoint = Directory.GetFiles(Path.Combine(plainRun, "checkpoints"), "*.ckpt").First();
        var task = TaskConfigLoader.Load(withHead);
        var options = new TrainingRunOptions(
            Path.Combine(_folder, "forked"), Seed: 3, Environments, 2, Minutes: null, Threads: 1, CommandLine: "test")
        {
            InitFrom = checkpoint
        };

        var error = Assert.ThrowsAny<InvalidDataException>(
            () => TrainingSession.Start(withHead, task, RobotConfigLoader.Load(task.RobotConfigPath), options));

        Assert.Contains("ppo.velocity_estimation_coef is set (a velocity head)", error.Message, StringComparison.Ordinal);
    }
}
