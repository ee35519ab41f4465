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
        var robot = Path.GetRelativePath(_folder,
            Path.Combine(Path.GetDirectoryName(ShippedTask("balance.yaml"))!, "..", "humanoid16.yaml"));
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
    public void Shipped_walk_task_loads_with_commands_curriculum_and_the_balance_randomization()
    {
        var walk = TaskConfigLoader.Load(ShippedTask("walk.yaml"));
        var balance = TaskConfigLoader.Load(ShippedTask("balance.yaml"));

        Assert.Equal("walk", walk.Name);
        Assert.Equal(new UniformRange(-0.5, 1.0), walk.Commands.ForwardMPerS);
        Assert.Equal(new UniformRange(-0.3, 0.3), walk.Commands.LateralMPerS);
        Assert.Equal(new UniformRange(-1.0, 1.0), walk.Commands.YawRateRadPerS);
        Assert.InRange(walk.Commands.ZeroFraction, 0.05, 0.2);
        Assert.InRange(walk.Commands.ResampleIntervalS, 3.0, 6.0);
        Assert.NotNull(walk.Commands.Curriculum);
        Assert.Equal(balance.Randomization, walk.Randomization);
        Assert.Equal(ActionMode.Torque, walk.Environment.ActionMode);
        Assert.Equal(balance.Ppo, walk.Ppo);
        Assert.Equal(["left_foot", "right_foot"], walk.Rewards.FootBodies);
        foreach (var term in new[] { RewardTerm.FootSlip, RewardTerm.Collision, RewardTerm.Torque, RewardTerm.ActionRate,
            RewardTerm.JointAcceleration, RewardTerm.JointLimits, RewardTerm.FeetAirTime })
            Assert.True(walk.Rewards.Weight(term) > 0, $"{term} is not weighted");
        // Tracking dominates every other positive term.
        Assert.True(walk.Rewards.Weight(RewardTerm.LinearVelocityTracking) > walk.Rewards.Weight(RewardTerm.Alive));
    }

    [Fact]
    public void Shipped_walk_scenario_uses_the_full_command_ranges_and_the_task_randomization()
    {
        var walk = TaskConfigLoader.Load(ShippedTask("walk.yaml"));
        var scenario = EvalScenario.Load(Path.Combine(Path.GetDirectoryName(ShippedTask("walk.yaml"))!, "..", "eval", "walk.yaml"));

        var evaluated = scenario.ApplyTo(walk);

        Assert.Equal(20, evaluated.Environment.EpisodeS);
        Assert.Equal(walk.Randomization, evaluated.Randomization);
        Assert.Equal(walk.Commands with { Curriculum = null }, evaluated.Commands);
        Assert.InRange(evaluated.Commands.ResampleIntervalS, 2.0, 5.0);
    }

    [Fact]
    public void Command_curriculum_is_read_and_absent_by_default()
    {
        var path = Write(
            Minimal.Replace("{stability: 1.0}", "{stability: 1.0, linear_velocity_tracking: 2.0}", StringComparison.Ordinal) + """

            commands:
              forward_m_per_s: [-0.5, 1.0]
              curriculum: {initial_fraction: 0.3, step: 0.1, tracking_threshold: 0.8, max_fall_rate: 0.4}
            """);

        Assert.Equal(new CommandCurriculumSpec(0.3, 0.1, 0.8, 0.4), TaskConfigLoader.Load(path).Commands.Curriculum);
        Assert.Null(TaskConfigLoader.Load(Write(Minimal)).Commands.Curriculum);
    }

    [Fact]
    public void Command_curriculum_errors_name_file_line_and_field()
    {
        var path = Write(Minimal + """

            commands:
              curriculum:
                initial_fraction: 0
                step: 1.5
                threshold: 0.8
                max_fall_rate: 0
            """);

        var error = Assert.Throws<TaskConfigException>(() => TaskConfigLoader.Load(path));

        Assert.Contains(error.Errors,
            e => e.StartsWith(
                $"{path}:12: commands.curriculum.initial_fraction: out of range (expected a fraction in (0, 1], got 0)",
                StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith($"{path}:13: commands.curriculum.step: out of range", StringComparison.Ordinal));
        Assert.Contains(error.Errors,
            e => e.StartsWith($"{path}:12: commands.curriculum.tracking_threshold: missing", StringComparison.Ordinal));
        Assert.Contains(error.Errors,
            e => e.StartsWith($"{path}:14: commands.curriculum.threshold: unknown key", StringComparison.Ordinal));
        Assert.Contains(error.Errors,
            e => e.StartsWith(
                $"{path}:15: commands.curriculum.max_fall_rate: out of range (expected a fraction in (0, 1], got 0)",
                StringComparison.Ordinal));
    }

    [Fact]
    public void Command_curriculum_without_a_linear_tracking_reward_is_refused()
    {
        var path = Write(Minimal + """

            commands:
              curriculum: {initial_fraction: 0.3, step: 0.1, tracking_threshold: 0.8, max_fall_rate: 0.4}
            """);

        var error = Assert.Throws<TaskConfigException>(() => TaskConfigLoader.Load(path));

        Assert.Contains(error.Errors,
            e => e.StartsWith(
                $"{path}:11: commands.curriculum: needs rewards.weights.linear_velocity_tracking > 0",
                StringComparison.Ordinal));
    }

    [Fact]
    public void Foot_terms_need_the_foot_bodies()
    {
        var path = Write(Minimal.Replace("{stability: 1.0}", "{stability: 1.0, foot_slip: 1.0}", StringComparison.Ordinal));

        var error = Assert.Throws<TaskConfigException>(() => TaskConfigLoader.Load(path));

        Assert.Contains(error.Errors,
            e => e.StartsWith($"{path}:9: rewards.foot_bodies: missing while foot_slip is weighted", StringComparison.Ordinal));
    }

    [Fact]
    public void An_eval_scenario_may_not_carry_a_curriculum()
    {
        var path = Path.Combine(_folder, "scenario.yaml");
        File.WriteAllText(path, """
            name: s
            commands:
              forward_m_per_s: [0, 1]
              curriculum: {initial_fraction: 0.3, step: 0.1, tracking_threshold: 0.8, max_fall_rate: 0.4}
            """);

        var error = Assert.Throws<TaskConfigException>(() => EvalScenario.Load(path));

        Assert.Contains(error.Errors,
            e => e.StartsWith($"{path}:4: commands.curriculum: not used in evaluation", StringComparison.Ordinal));
    }

    [Fact]
    public void An_eval_scenario_reports_a_bad_episode_length_at_its_own_line()
    {
        var path = Path.Combine(_folder, "scenario.yaml");
        File.WriteAllText(path, """
            name: s

            episode_s: -3
            """);

        var error = Assert.Throws<TaskConfigException>(() => EvalScenario.Load(path));

        Assert.Contains(error.Errors, e => e.StartsWith($"{path}:3: episode_s: must be > 0", StringComparison.Ordinal));
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
    [InlineData("bounds_loss_coef", "BoundsLossCoef")]
    [InlineData("velocity_estimation_coef", "VelocityEstimationCoef")]
    public void Ppo_auxiliary_loss_weight_is_read_and_a_negative_one_is_refused_with_the_expected_range(string key, string field)
    {
        var task = TaskConfigLoader.Load(Write(Minimal + $"\nppo:\n  {key}: 0.5\n"));
        var path = Write(Minimal + $"\nppo:\n  {key}: -1\n");

        var error = Assert.Throws<TaskConfigException>(() => TaskConfigLoader.Load(path));

        Assert.Equal(0.5, field == "BoundsLossCoef" ? task.Ppo.BoundsLossCoef : task.Ppo.VelocityEstimationCoef);
        Assert.Contains(error.Errors, e => e.Contains($": ppo: PPO setting {field} = -1: expected >= 0", StringComparison.Ordinal));
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
        Assert.Contains(error.Errors,
            e => e.Contains("randomization.action_delay_ticks: out of range (expected values in [0, 20]", StringComparison.Ordinal));
        Assert.Contains(error.Errors,
            e => e.Contains("randomization.observation_delay_ticks: must be whole numbers", StringComparison.Ordinal));
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
