using System.Text.Json;
using HumanoidRl.Cli.Eval;
using HumanoidRl.Cli.Tests.Train;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Evaluation;

namespace HumanoidRl.Cli.Tests.Eval;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-eval-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Repository(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) return Path.Combine(folder.FullName, relative);
        }
        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>An untrained MLP with the balance task's contract: it falls, which is all these tests need.</summary>
    private string UntrainedPolicy(Func<PolicyContract, PolicyContract>? edit = null, string task = "balance", float outputBias = 0f)
    {
        var robot = RobotConfigLoader.Load(Repository("robot-config/humanoid16.yaml"));
        var contract = PolicyContracts.ForTask(robot, TaskConfigLoader.Load(Repository($"robot-config/tasks/{task}.yaml")), "test");
        contract = edit?.Invoke(contract) ?? contract;
        var random = new Random(1);
        var size = contract.ObservationSize;
        var weights = new MlpPolicyWeights(new float[size], [.. Enumerable.Repeat(1f, size)], 5f,
        [
            new DenseLayer(size, 8,
                [.. Enumerable.Range(0, size * 8).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f)], new float[8]),
            new DenseLayer(8, contract.ActionSize,
                [.. Enumerable.Range(0, 8 * contract.ActionSize).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f)],
                [.. Enumerable.Repeat(outputBias, contract.ActionSize)]),
        ]);
        var path = Path.Combine(_folder, "policy.onnx");
        File.WriteAllBytes(path, OnnxPolicyWriter.Write(weights, contract.ToMetadata(), "test"));
        return path;
    }

    [Fact]
    public void Json_reports_every_figure_for_the_requested_episodes()
    {
        var (exitCode, stdout, stderr) = CliProcess.Run(TimeSpan.FromMinutes(2),
            "eval", "--policy", UntrainedPolicy(), "--scenario", Repository("robot-config/eval/balance.yaml"),
            "--episodes", "4", "--seconds", "2", "--json");

        Assert.True(exitCode == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal(4, root.GetProperty("episodes").GetInt32());
        var survival = root.GetProperty("survival_rate").GetDouble();
        Assert.InRange(survival, 0, 1);
        Assert.InRange(survival,
            root.GetProperty("survival_rate_ci95_low").GetDouble(), root.GetProperty("survival_rate_ci95_high").GetDouble());
        Assert.True(
            root.GetProperty("survival_rate_ci95_high").GetDouble() - root.GetProperty("survival_rate_ci95_low").GetDouble() > 0.3,
            "4 episodes leave a wide interval");
        Assert.InRange(root.GetProperty("mean_episode_s").GetDouble(), 0.01, 2.0);
        foreach (var figure in new[] { "roll_rms_deg", "pitch_rms_deg", "lin_vel_error_rms", "yaw_rate_error_rms",
            "lin_vel_error_rms_stride", "yaw_rate_error_rms_stride", "lin_vel_error_rms_settled", "yaw_rate_error_rms_settled",
            "forward_vel_error_rms", "lateral_vel_error_rms", "forward_vel_error_rms_settled", "lateral_vel_error_rms_settled" })
            Assert.True(root.GetProperty(figure).GetDouble() >= 0, figure);
        double Figure(string name) => root.GetProperty(name).GetDouble();
        Assert.Equal(Figure("lin_vel_error_rms"), double.Hypot(Figure("forward_vel_error_rms"), Figure("lateral_vel_error_rms")), 2e-4);
        Assert.Equal(Figure("lin_vel_error_rms_settled"),
            double.Hypot(Figure("forward_vel_error_rms_settled"), Figure("lateral_vel_error_rms_settled")), 2e-4);
        Assert.InRange(root.GetProperty("settled_sample_fraction").GetDouble(), 0, 1);
    }

    [Theory]
    // Small random weights keep every output near zero; a bias of 3 puts every output past the clamp.
    [InlineData(0f, 0.0)]
    [InlineData(3f, 1.0)]
    public void Json_reports_the_share_of_policy_outputs_outside_the_action_range(float outputBias, double expected)
    {
        var (exitCode, stdout, stderr) = CliProcess.Run(TimeSpan.FromMinutes(2),
            "eval", "--policy", UntrainedPolicy(outputBias: outputBias), "--episodes", "2", "--seconds", "1", "--json");

        Assert.True(exitCode == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(expected, document.RootElement.GetProperty("clamped_action_fraction").GetDouble());
    }

    [Fact]
    public void A_policy_for_another_joint_order_is_refused_naming_the_field()
    {
        var policy = UntrainedPolicy(c => c with { JointNames = [.. c.JointNames.Reverse()] });

        var (exitCode, _, stderr) = CliProcess.Run(TimeSpan.FromMinutes(1), "eval", "--policy", policy, "--episodes", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains("joint_names: policy has", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_without_a_command_input_under_moving_commands_is_evaluated_with_a_warning()
    {
        var policy = UntrainedPolicy();

        var (exitCode, stdout, stderr) = CliProcess.Run(TimeSpan.FromMinutes(1),
            "eval", "--policy", policy, "--scenario", Repository("robot-config/eval/walk.yaml"),
            "--episodes", "1", "--seconds", "1", "--json");
        var (_, _, balanceStderr) = CliProcess.Run(TimeSpan.FromMinutes(1),
            "eval", "--policy", policy, "--scenario", Repository("robot-config/eval/balance.yaml"),
            "--episodes", "1", "--seconds", "1", "--json");

        Assert.Equal(0, exitCode);
        Assert.Contains($"eval: {policy} does not observe a velocity command", stderr, StringComparison.Ordinal);
        Assert.StartsWith("{", stdout.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("velocity command", balanceStderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_walk_policy_with_another_gait_clock_period_runs_at_its_own_period_and_says_so()
    {
        var policy = UntrainedPolicy(c => c with { PhasePeriodS = 0.6 }, task: "walk-pd");

        var (exitCode, stdout, stderr) = CliProcess.Run(TimeSpan.FromMinutes(1),
            "eval", "--policy", policy, "--episodes", "1", "--seconds", "1", "--json");

        Assert.Equal(0, exitCode);
        Assert.Contains("gait clock at the policy's period, 0.6 s", stderr, StringComparison.Ordinal);
        Assert.Contains("walk-pd.yaml says 0.8 s", stderr, StringComparison.Ordinal);
        Assert.StartsWith("{", stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_evaluated_task_takes_the_policy_s_gait_clock_period()
    {
        var task = TaskConfigLoader.Load(Repository("robot-config/tasks/walk-pd.yaml"));
        var robot = RobotConfigLoader.Load(task.RobotConfigPath);
        var contract = PolicyContracts.ForTask(robot, task, "test") with { PhasePeriodS = 0.6 };

        var evaluated = PolicyEvaluator.WithPolicyClock(task, contract);

        Assert.Equal(0.6, evaluated.Environment.PhasePeriodS);
        Assert.Equal(task.Environment.EpisodeS, evaluated.Environment.EpisodeS);
        Assert.Same(task, PolicyEvaluator.WithPolicyClock(task, contract with { PhasePeriodS = task.Environment.PhasePeriodS }));
    }
}
