using HumanoidRl.Core.Action;
using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Reward;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Sim.Tests;

/// <summary>The shipped humanoid with task settings made in code, so each test states what it varies.</summary>
internal static class TestTasks
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string RobotConfigPath => Path.Combine(RepositoryRoot, "robot-config", "humanoid16.yaml");

    public static RobotConfig Robot { get; } = RobotConfigLoader.Load(RobotConfigPath);

    public static TaskConfig Balance(
        ActionMode mode = ActionMode.Torque,
        RandomizationSpec? randomization = null,
        int decimation = 4,
        double episodeS = 20) => new()
    {
        SourcePath = "test-task",
        Name = "balance",
        RobotConfigPath = RobotConfigPath,
        Environment = new EnvironmentSettings
        {
            Decimation = decimation,
            EpisodeS = episodeS,
            ActionMode = mode,
            ActionScale = mode == ActionMode.Torque ? 1.0 : 0.25,
            ObservationTerms =
            [
                new(ObservationTermKind.Gyro, 0.25),
                new(ObservationTermKind.ProjectedGravity, 1.0, NoiseAmplitude: 0.05),
                new(ObservationTermKind.JointPositions, 1.0, NoiseAmplitude: 0.01),
                new(ObservationTermKind.JointVelocities, 0.05),
                new(ObservationTermKind.LastAction),
            ],
        },
        Rewards = new RewardWeights
        {
            Weights = new Dictionary<RewardTerm, double> { [RewardTerm.Stability] = 1.0, [RewardTerm.Alive] = 1.0 },
        },
        Randomization = randomization ?? new RandomizationSpec(),
    };

    public static HumanoidTask Create(TaskConfig task) => new(task, Robot);

    /// <summary>The shipped robot with another soft start (0: the policy's torques act from the first tick).</summary>
    public static RobotConfig RobotWithSoftStart(double seconds) => Robot with { Safety = Robot.Safety with { SoftStartS = seconds } };

    /// <summary>For tests that read the torques of an episode's first ticks, which the soft start would blend with the hold.</summary>
    public static HumanoidTask CreateWithoutSoftStart(TaskConfig task) => new(task, RobotWithSoftStart(0));

    public static string ModelPath => Path.Combine(RepositoryRoot, "sim", "humanoid16.xml");

    public static IReadOnlyList<string> FootBodies { get; } = ["left_foot", "right_foot"];

    /// <summary>The balance task with extra weighted reward terms (stability stays, as every task has it).</summary>
    public static TaskConfig WithRewards(TaskConfig task, params (RewardTerm Term, double Weight)[] terms)
    {
        var weights = new Dictionary<RewardTerm, double>(task.Rewards.Weights);
        foreach (var (term, weight) in terms) weights[term] = weight;
        return task with { Rewards = task.Rewards with { Weights = weights, FootBodies = FootBodies } };
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"HumanoidRl.sln not found above {AppContext.BaseDirectory}");
    }
}
