using HumanoidRl.Core.Action;
using HumanoidRl.Core.Reward;
using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Core.Tests.Tasks;

public sealed class TaskConfigLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-task-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string ShippedTask(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "robot-config", "tasks", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(name);
    }

    private string Write(string yaml)
    {
        var robot = Path.GetRelativePath(_folder, Path.Combine(Path.GetDirectoryName(ShippedTask("balance.yaml"))!, "..", "humanoid16.yaml"));
        var path = Path.Combine(_folder, "task.yaml");
        File.WriteAllText(path, yaml.Replace("ROBOT", robot, StringComparison.Ordinal));
        return path;
    }

    private const string Minimal = """
        task:
          name: t
          robot_config: ROBOT
        environment:
          observation:
            terms:
              - {term: gyro}
        rewards:
          weights: {stability: 1.0}
        """;

    [Fact]
    public void Shipped_balance_task_loads_with_full_randomization()
    {
        var task = TaskConfigLoader.Load(ShippedTask("balance.yaml"));

        Assert.Equal("balance", task.Name);
        Assert.True(File.Exists(task.RobotConfigPath));
        Assert.Equal(ActionMode.Torque, task.Environment.ActionMode);
        Assert.Equal(10.0, task.Rewards.Weight(RewardTerm.Stability));
        Assert.Equal(new UniformRange(0, 5), task.Randomization.ActionDelayTicks);
        Assert.True(task.Randomization.PushesEnabled);
        Assert.True(task.Randomization.ObservationNoise);
        Assert.Equal(LearningRateSchedule.AdaptiveKl, task.Ppo.Schedule);
        Assert.Equal(0.03, task.Ppo.DesiredKl);
        Assert.Equal([256, 128, 64], task.Policy.ActorHiddenSizes);
    }

    [Fact]
    public void Minimal_task_takes_the_defaults()
    {
        var task = TaskConfigLoader.Load(Write(Minimal));

        Assert.Equal(4, task.Environment.Decimation);
        Assert.Equal(new PpoSettings(), task.Ppo);
        Assert.False(task.Randomization.PushesEnabled);
    }

    [Theory]
    [InlineData("decimation: 0", "5: environment.decimation: must be > 0")]
    [InlineData("action_mode: velocity", "5: environment.action_mode: unknown action mode (expected torque or pd_target, got 'velocity')")]
    [InlineData("episode_z: 3", "5: environment.episode_z: unknown key")]
    public void Environment_errors_name_file_line_and_field(string line, string expected)
    {
        var path = Write(Minimal.Replace("environment:\n", $"environment:\n  {line}\n", StringComparison.Ordinal));

        var error = Assert.Throws<TaskConfigException>(() => TaskConfigLoader.Load(path));

        Assert.Contains(error.Errors, e => e.StartsWith($"{path}:{expected}", StringComparison.Ordinal));
    }

    [Fact]
    public void Ranges_are_checked_for_order_bounds_and_whole_ticks()
    {
        var path = Write(Minimal + """

            randomization:
              friction: [1.2, 0.4]
              action_delay_ticks: [0, 30]
              observation_delay_ticks: [0, 1.5]
            """);

        var error = Assert.Throws<TaskConfigException>(() => TaskConfigLoader.Load(path));

        Assert.Contains(error.Errors, e => e.Contains("randomization.friction: min is greater than max", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("randomization.action_delay_ticks: out of range (expected values in [0, 20]", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("randomization.observation_delay_ticks: must be whole numbers", StringComparison.Ordinal));
    }

    [Fact]
    public void The_stability_term_is_mandatory_and_unknown_reward_terms_are_named()
    {
        var path = Write(Minimal.Replace("{stability: 1.0}", "{alive: 1.0, wobble: 2.0}", StringComparison.Ordinal));

        var error = Assert.Throws<TaskConfigException>(() => TaskConfigLoader.Load(path));

        Assert.Contains(error.Errors, e => e.Contains("rewards.weights.stability: must be present and > 0", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("rewards.weights.wobble: unknown reward term", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_robot_config_is_reported_with_the_resolved_path()
    {
        var path = Write(Minimal.Replace("robot_config: ROBOT", "robot_config: nowhere.yaml", StringComparison.Ordinal));

        var error = Assert.Throws<TaskConfigException>(() => TaskConfigLoader.Load(path));

        Assert.Contains(error.Errors, e => e.StartsWith($"{path}:3: task.robot_config: file not found", StringComparison.Ordinal));
    }
}
