using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Training.Export;
using HumanoidRl.Training.Runs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Runs;

/// <summary>
/// Starting a new run from another run's checkpoint or from an exported policy (train --init-from) on the real walk tasks.
/// </summary>
public sealed class InitFromTests : IDisposable
{
    private const int Environments = 4;
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-init-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ShortTask(string name, string fileName, params (string From, string To)[] edits) =>
        ShortWalkTask.Write(_folder, name, fileName, edits);

    private TrainingSession Start(string taskFile, int iterations, string runName, string? initFrom = null, int criticWarmup = 0)
    {
        var task = TaskConfigLoader.Load(taskFile);
        var robot = RobotConfigLoader.Load(task.RobotConfigPath);
        var options = new TrainingRunOptions(Path.Combine(_folder, runName), Seed: 3, Environments, iterations, Minutes: null, Threads: 1,
            CommandLine: "test", InitFrom: initFrom, CriticWarmupIterations: criticWarmup);
        return TrainingSession.Start(taskFile, task, robot, options);
    }

    private string TrainParent(string taskName, int iterations)
    {
        using var parent = Start(ShortTask(taskName, $"{taskName}-parent.yaml"), iterations, $"{taskName}-parent");
        parent.Run(CancellationToken.None);
        return parent.LatestCheckpointPath;
    }

    /// <summary>Trains a one-iteration run and returns its exported policy.onnx.</summary>
    private string ExportedPolicy(string taskName) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(TrainParent(taskName, iterations: 1))!)!, TrainingSession.PolicyFileName);

    [Fact]
    public void A_new_run_continues_the_checkpoints_weights_curriculum_and_iteration_under_changed_reward_weights_and_gait_period()
    {
        var parentTask = ShortTask("walk-pd", "walk-pd-parent.yaml");
        double parentFraction;
        string checkpoint;
        float[] parentWeights;
        using (var parent = Start(parentTask, iterations: 2, "parent"))
        {
            parent.Run(CancellationToken.None);
            parentFraction = parent.Runner.CommandCurriculum!.RangeFraction;
            checkpoint = parent.LatestCheckpointPath;
            parentWeights = Flatten(parent);
        }
        var childTask = ShortTask(
            "walk-pd", "walk-pd-child.yaml", ("stability: 5.0", "stability: 30.0"), ("phase_period_s: 0.8", "phase_period_s: 0.6"));

        using var child = Start(childTask, iterations: 3, "child", initFrom: checkpoint);

        Assert.Equal(2, child.Runner.Iteration);
        Assert.Equal(parentFraction, child.Runner.CommandCurriculum!.RangeFraction);
        Assert.Equal(parentWeights, Flatten(child));
        var manifest = RunManifest.Read(child.RunFolder);
        Assert.Equal(checkpoint, manifest.InitializedFrom);
        Assert.Equal(RunManifest.Fingerprint(checkpoint), manifest.InitializedFromSha256);
        Assert.Equal(TrainingOutcome.Completed, child.Run(CancellationToken.None));
        Assert.Equal(3, child.Runner.Iteration);
        Assert.NotEqual(parentWeights, Flatten(child));
    }

    [Fact]
    public void A_checkpoint_whose_actions_mean_something_else_is_refused_naming_the_field_and_leaves_no_run_folder()
    {
        // walk (torque) and walk-pd (joint targets) have the same network shapes: only the contract tells them apart.
        var checkpoint = TrainParent("walk", iterations: 1);
        var childFolder = Path.Combine(_folder, "child");

        var error = Assert.Throws<InvalidDataException>(
            () => Start(ShortTask("walk-pd", "walk-pd-child.yaml"), iterations: 2, "child", initFrom: checkpoint));

        Assert.Contains(checkpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("action_mode: its run has torque, configs now give pd_target", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(childFolder));
    }

    [Fact]
    public void A_target_not_past_the_checkpoints_iteration_is_refused_and_leaves_no_run_folder()
    {
        var checkpoint = TrainParent("walk-pd", iterations: 2);
        var childFolder = Path.Combine(_folder, "child");

        var error = Assert.Throws<ArgumentException>(
            () => Start(ShortTask("walk-pd", "walk-pd-child.yaml"), iterations: 2, "child", initFrom: checkpoint));

        Assert.Contains("the checkpoint is at iteration 2", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(childFolder));
    }

    [Fact]
    public void The_new_run_takes_the_policys_actor_and_normalizer_trains_only_the_critic_during_warm_up_then_the_actor()
    {
        var policyPath = ExportedPolicy("walk-pd");
        var source = OnnxPolicyReader.Read(policyPath).Weights;

        using var child = Start(ShortTask("walk-pd", "walk-pd-child.yaml"), iterations: 3, "child", initFrom: policyPath, criticWarmup: 2);

        Assert.Equal(0, child.Runner.Iteration);
        var taken = PolicyExport.Weights(child.Runner.ActorCritic, child.Runner.ObservationNormalizer);
        for (var i = 0; i < source.Layers.Count; i++)
        {
            Assert.Equal(source.Layers[i].Weight, taken.Layers[i].Weight);
            Assert.Equal(source.Layers[i].Bias, taken.Layers[i].Bias);
        }
        Assert.Equal(source.ObservationMean, taken.ObservationMean);
        for (var i = 0; i < source.ObservationStd.Length; i++)
            Assert.Equal(source.ObservationStd[i], taken.ObservationStd[i], 1e-5 * source.ObservationStd[i]);
        var manifest = RunManifest.Read(child.RunFolder);
        Assert.Equal(policyPath, manifest.InitializedFrom);
        Assert.Equal(RunManifest.Fingerprint(policyPath), manifest.InitializedFromSha256);
        Assert.Equal(2, manifest.CriticOnlyBeforeIteration);

        var actorBefore = Parameters(child.Runner.ActorCritic.Actor);
        var criticBefore = CriticParameters(child);
        child.Runner.Learn(2);
        Assert.Equal(actorBefore, Parameters(child.Runner.ActorCritic.Actor));
        Assert.NotEqual(criticBefore, CriticParameters(child));
        // The actor still sees its inputs scaled as it learned them.
        var afterWarmup = PolicyExport.Weights(child.Runner.ActorCritic, child.Runner.ObservationNormalizer);
        for (var i = 0; i < source.ObservationMean.Length; i++)
        {
            Assert.Equal(
                source.ObservationMean[i], afterWarmup.ObservationMean[i], 1e-6 * Math.Max(1, Math.Abs(source.ObservationMean[i])));
            Assert.Equal(source.ObservationStd[i], afterWarmup.ObservationStd[i], 1e-5 * source.ObservationStd[i]);
        }

        child.Runner.Learn(1);
        Assert.NotEqual(actorBefore, Parameters(child.Runner.ActorCritic.Actor));
    }

    [Fact]
    public void The_new_run_explores_with_the_action_std_the_policy_recorded_rather_than_the_tasks_initial_std()
    {
        var policyPath = ExportedPolicy("walk-pd"); // its run started at initial_action_std 0.5
        var policy = OnnxPolicyReader.Read(policyPath);
        var recorded = PolicyExport.TrainingActionStd(policy.Metadata, policy.Weights.ActionSize, policyPath);

        using var child = Start(ShortTask("walk-pd", "walk-pd-child.yaml", ("initial_action_std: 0.5", "initial_action_std: 0.1")),
            iterations: 2, "child", initFrom: policyPath, criticWarmup: 1);

        Assert.NotNull(recorded);
        Assert.All(recorded, std => Assert.InRange(std, 0.4f, 0.6f));
        var taken = ActionStd(child);
        for (var i = 0; i < recorded.Length; i++) Assert.Equal(recorded[i], taken[i], 1e-6f * recorded[i]);
    }

    [Fact]
    public void A_policy_exported_before_the_std_was_recorded_explores_with_the_tasks_initial_std()
    {
        var policyPath = WithMetadata(
            ExportedPolicy("walk-pd"), "no-std.onnx", metadata => metadata.Remove(PolicyExport.TrainingActionStdKey));

        using var child = Start(ShortTask("walk-pd", "walk-pd-child.yaml", ("initial_action_std: 0.5", "initial_action_std: 0.1")),
            iterations: 2, "child", initFrom: policyPath, criticWarmup: 1);

        Assert.All(ActionStd(child), std => Assert.Equal(0.1f, std, 1e-6f));
    }

    [Fact]
    public void A_malformed_recorded_std_is_refused_naming_the_file_the_key_and_the_value_and_leaves_no_run_folder()
    {
        var policyPath = WithMetadata(ExportedPolicy("walk-pd"), "bad-std.onnx",
            metadata => metadata[PolicyExport.TrainingActionStdKey] = string.Join(',', Enumerable.Repeat("0.5", 15).Append("-0.1")));

        var error = Assert.Throws<InvalidDataException>(
            () => Start(ShortTask("walk-pd", "walk-pd-child.yaml"), iterations: 2, "child", initFrom: policyPath));

        Assert.Contains(policyPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(
            "metadata 'training_action_std' value 16 is '-0.1': expected a positive finite number",
            error.Message,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "child")));
    }

    [Fact]
    public void A_policy_starts_a_run_that_stacks_more_frames_acting_exactly_as_the_file_does_and_then_trains()
    {
        var policyPath = ExportedPolicy("walk-pd"); // history 1
        var source = OnnxPolicyReader.Read(policyPath).Weights;

        using var child = Start(
            ShortTask("walk-pd", "walk-pd-h3.yaml", ("history: 1", "history: 3")), iterations: 2, "child", initFrom: policyPath,
            criticWarmup: 1);

        var taken = PolicyExport.Weights(child.Runner.ActorCritic, child.Runner.ObservationNormalizer);
        Assert.Equal(3 * source.ObservationSize, taken.ObservationSize);
        var random = new Random(5);
        for (var trial = 0; trial < 10; trial++)
        {
            var observation = Enumerable.Range(0, taken.ObservationSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            var expected = source.Evaluate(observation.AsSpan(0, source.ObservationSize));
            var actual = taken.Evaluate(observation);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-4f);
        }

        child.Run(CancellationToken.None);
        var trained = OnnxPolicyReader.Read(Path.Combine(child.RunFolder, TrainingSession.PolicyFileName));
        Assert.EndsWith("|history:3", trained.Metadata["observation_layout"], StringComparison.Ordinal);
        Assert.NotEqual(taken.Layers[0].Weight, trained.Weights.Layers[0].Weight);
    }

    [Fact]
    public void A_policy_that_stacks_more_frames_than_the_run_is_refused_naming_the_layout_and_leaves_no_run_folder()
    {
        string policyPath;
        using (var parent = Start(ShortTask("walk-pd", "walk-pd-h3-parent.yaml", ("history: 1", "history: 3")), iterations: 1, "h3-parent"))
        {
            parent.Run(CancellationToken.None);
            policyPath = Path.Combine(parent.RunFolder, TrainingSession.PolicyFileName);
        }

        var error = Assert.Throws<InvalidDataException>(
            () => Start(ShortTask("walk-pd", "walk-pd-child.yaml"), iterations: 2, "child", initFrom: policyPath));

        Assert.Contains(policyPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("observation_layout: the policy has", error.Message, StringComparison.Ordinal);
        Assert.Contains("|history:3, configs now give", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "child")));
    }

    [Fact]
    public void A_policy_whose_actions_mean_something_else_is_refused_naming_the_field_and_leaves_no_run_folder()
    {
        // walk (torque) and walk-pd (joint targets) have the same network shapes: only the contract tells them apart.
        var policyPath = ExportedPolicy("walk");

        var error = Assert.Throws<InvalidDataException>(
            () => Start(ShortTask("walk-pd", "walk-pd-child.yaml"), iterations: 2, "child", initFrom: policyPath));

        Assert.Contains(policyPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("action_mode: the policy has torque, configs now give pd_target", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "child")));
    }

    [Fact]
    public void A_resumed_run_keeps_training_the_critic_alone_until_its_warm_up_ends()
    {
        var policyPath = ExportedPolicy("walk-pd");
        string runFolder;
        using (var child = Start(ShortTask("walk-pd", "walk-pd-child.yaml"), iterations: 1, "child", initFrom: policyPath, criticWarmup: 3))
        {
            child.Run(CancellationToken.None);
            runFolder = child.RunFolder;
        }

        using var resumed = TrainingSession.Resume(runFolder, threads: 1, targetIterations: 3);
        var actorBefore = Parameters(resumed.Runner.ActorCritic.Actor);
        resumed.Run(CancellationToken.None);

        Assert.Equal(3, resumed.Runner.CriticOnlyBeforeIteration);
        Assert.Equal(actorBefore, Parameters(resumed.Runner.ActorCritic.Actor));
    }

    /// <summary>A copy of the policy file with edited metadata.</summary>
    private string WithMetadata(string policyPath, string fileName, Action<Dictionary<string, string>> edit)
    {
        var policy = OnnxPolicyReader.Read(policyPath);
        var metadata = new Dictionary<string, string>(policy.Metadata, StringComparer.Ordinal);
        edit(metadata);
        var path = Path.Combine(_folder, fileName);
        File.WriteAllBytes(path, OnnxPolicyWriter.Write(policy.Weights, metadata, "test"));
        return path;
    }

    private static float[] ActionStd(TrainingSession session)
    {
        using var std = session.Runner.ActorCritic.ActionStd().detach();
        return std.data<float>().ToArray();
    }

    private static float[] Flatten(TrainingSession session)
    {
        using var scope = NewDisposeScope();
        return cat(session.Runner.ActorCritic.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }

    private static float[] Parameters(Sequential module)
    {
        using var scope = NewDisposeScope();
        return cat(module.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }

    private static float[] CriticParameters(TrainingSession session)
    {
        using var scope = NewDisposeScope();
        var critic = session.Runner.ActorCritic.named_parameters().Where(p => p.name.StartsWith("critic", StringComparison.Ordinal));
        return cat(critic.Select(p => p.parameter.detach().flatten()).ToArray()).data<float>().ToArray();
    }
}
