using HumanoidRl.Core.Tasks;
using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using HumanoidRl.Training.Tests.Tasks;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class CheckpointTests : IDisposable
{
    private const int Iterations = 6;
    private const int EnvironmentSeed = 21;
    private readonly string _folder = Directory.CreateTempSubdirectory("humanoidrl-checkpoint-").FullName;

    public CheckpointTests() => TorchSharpLoader.Ensure();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TrainingSettings Settings(long seed) => new()
    {
        Seed = seed,
        CollectionTorchThreadCount = 1,
        Ppo = new PpoSettings { NumStepsPerEnv = 16, NumLearningEpochs = 2, NumMiniBatches = 2 },
        Policy = new ActorCriticSettings { ActorHiddenSizes = [16, 16], CriticHiddenSizes = [16] },
    };

    private static CartPoleVectorEnvironment Environment()
    {
        var environment = new CartPoleVectorEnvironment(environmentCount: 8, maxEpisodeSteps: 40, stepperThreads: 1);
        environment.Reset(EnvironmentSeed);
        return environment;
    }

    private static Dictionary<string, float[]> Weights(OnPolicyRunner runner) =>
        runner.ActorCritic.state_dict().ToDictionary(p => p.Key, p => p.Value.data<float>().ToArray());

    [Fact]
    public void Resuming_from_a_checkpoint_continues_bit_identically_to_an_uninterrupted_run()
    {
        using var straightEnvironment = Environment();
        using var straight = new OnPolicyRunner(straightEnvironment, Settings(seed: 4));
        straight.Learn(Iterations);

        // Same environment stream, but the learner is saved halfway and rebuilt from scratch.
        using var resumedEnvironment = Environment();
        var path = Path.Combine(_folder, "run", "checkpoint.bin");
        Dictionary<string, float[]> halfway;
        using (var first = new OnPolicyRunner(resumedEnvironment, Settings(seed: 4)))
        {
            first.Learn(Iterations / 2);
            first.SaveCheckpoint(path);
            halfway = Weights(first);
        }
        using var resumed = new OnPolicyRunner(resumedEnvironment, Settings(seed: 77));
        Assert.NotEqual(halfway["actor.linear0.weight"], Weights(resumed)["actor.linear0.weight"]); // fresh weights before loading
        resumed.LoadCheckpoint(path);
        Assert.Equal(Iterations / 2, resumed.Iteration);
        var resumedStatistics = resumed.Learn(Iterations / 2);

        var expected = Weights(straight);
        var actual = Weights(resumed);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected)
        {
            Assert.Equal(values, actual[name]);
            Assert.NotEqual(values, halfway[name]); // the second half did train
        }
        Assert.Equal(Iterations, resumed.Iteration);
        Assert.Equal(Iterations, resumedStatistics[^1].Iteration);
        Assert.Equal(straight.Algorithm.LearningRate, resumed.Algorithm.LearningRate);
        Assert.Equal(straight.ObservationNormalizer!.Count, resumed.ObservationNormalizer!.Count);
        Assert.Equal(straight.ObservationNormalizer.Mean.ToArray(), resumed.ObservationNormalizer.Mean.ToArray());
        Assert.Equal(straight.CriticObservationNormalizer!.Variance(), resumed.CriticObservationNormalizer!.Variance());
    }

    private static CommandCurriculum Curriculum() =>
        new(new CommandCurriculumSpec(0.3, 0.2, 0.8, 0.5), trackingWeightPerS: 10, episodesPerDecision: 3);

    [Fact]
    public void Resuming_restores_the_command_curriculum_bit_exactly()
    {
        using var environment = Environment();
        var curriculum = Curriculum();
        // One widening (a batch of three well-tracked 20 s episodes), then two towards the next decision, one a fall.
        foreach (var trackingSum in new[] { 190.0, 185.5, 170.25 }) curriculum.AddFinishedEpisode(trackingSum, 20, fell: false);
        curriculum.AddFinishedEpisode(100.0 / 3, 20, fell: false);
        curriculum.AddFinishedEpisode(0.1, 0.5, fell: true);
        using var runner = new OnPolicyRunner(environment, Settings(seed: 1), curriculum);
        runner.Learn(1);
        var path = Path.Combine(_folder, "checkpoint.bin");
        runner.SaveCheckpoint(path);

        var restored = Curriculum();
        using var resumed = new OnPolicyRunner(environment, Settings(seed: 2), restored);
        resumed.LoadCheckpoint(path);

        Assert.Equal(0.5, curriculum.RangeFraction, 12);
        Assert.Equal(BitConverter.DoubleToInt64Bits(curriculum.RangeFraction), BitConverter.DoubleToInt64Bits(restored.RangeFraction));
        Assert.Equal(
            BitConverter.DoubleToInt64Bits(curriculum.PendingTrackingPerS), BitConverter.DoubleToInt64Bits(restored.PendingTrackingPerS));
        Assert.Equal((2, 1), (restored.PendingEpisodes, restored.PendingFalls));
        // The next decision comes after the same episode in both.
        curriculum.AddFinishedEpisode(200, 20, fell: false);
        restored.AddFinishedEpisode(200, 20, fell: false);
        Assert.Equal(curriculum.RangeFraction, restored.RangeFraction);
        Assert.Equal(0, restored.PendingEpisodes);
    }

    [Fact]
    public void Iteration_statistics_report_the_command_range_fraction()
    {
        using var environment = Environment();
        using var runner = new OnPolicyRunner(environment, Settings(seed: 1), Curriculum());
        using var plain = new OnPolicyRunner(environment, Settings(seed: 1));

        Assert.Equal(0.3, runner.Learn(1)[0].CommandRangeFraction);
        Assert.Null(plain.Learn(1)[0].CommandRangeFraction);
    }

    [Fact]
    public void A_version_1_checkpoint_from_before_the_curriculum_still_loads()
    {
        using var environment = Environment();
        using var runner = new OnPolicyRunner(environment, Settings(seed: 1));
        runner.Learn(1);
        var path = Path.Combine(_folder, "checkpoint.bin");
        runner.SaveCheckpoint(path);
        // Version 1 is version 3 without the trailing curriculum block (here one byte: "no curriculum").
        var bytes = File.ReadAllBytes(path);
        var versionOffset = "HumanoidRl.PpoCheckpoint"u8.Length;
        Assert.Equal(3, BitConverter.ToInt32(bytes, versionOffset));
        Assert.Equal(0, bytes[^1]);
        var version1 = bytes[..^1];
        BitConverter.GetBytes(1).CopyTo(version1, versionOffset);
        File.WriteAllBytes(path, version1);

        var curriculum = Curriculum();
        using var resumed = new OnPolicyRunner(environment, Settings(seed: 2), curriculum);
        resumed.LoadCheckpoint(path);

        Assert.Equal(1, resumed.Iteration);
        Assert.Equal(Weights(runner)["actor.linear0.weight"], Weights(resumed)["actor.linear0.weight"]);
        Assert.Equal(0.3, curriculum.RangeFraction); // nothing saved: the curriculum starts from its initial ranges
    }

    [Fact]
    public void A_version_2_checkpoint_restores_its_curriculum_with_no_pending_falls()
    {
        using var environment = Environment();
        var curriculum = Curriculum();
        curriculum.AddFinishedEpisode(150, 20, fell: false);
        curriculum.AddFinishedEpisode(10, 2, fell: true);
        using var runner = new OnPolicyRunner(environment, Settings(seed: 1), curriculum);
        var path = Path.Combine(_folder, "checkpoint.bin");
        runner.SaveCheckpoint(path);
        // Version 2 is version 3 without the trailing pending-falls count.
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(1, BitConverter.ToInt32(bytes, bytes.Length - 4));
        var version2 = bytes[..^4];
        BitConverter.GetBytes(2).CopyTo(version2, "HumanoidRl.PpoCheckpoint"u8.Length);
        File.WriteAllBytes(path, version2);

        var restored = Curriculum();
        using var resumed = new OnPolicyRunner(environment, Settings(seed: 2), restored);
        resumed.LoadCheckpoint(path);

        Assert.Equal((2, 0), (restored.PendingEpisodes, restored.PendingFalls));
        Assert.Equal(curriculum.PendingTrackingPerS, restored.PendingTrackingPerS);
    }

    [Fact]
    public void Checkpoints_of_unknown_versions_are_refused_naming_the_readable_ones()
    {
        using var environment = Environment();
        using var runner = new OnPolicyRunner(environment, Settings(seed: 1));
        var path = Path.Combine(_folder, "checkpoint.bin");
        runner.SaveCheckpoint(path);
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(7).CopyTo(bytes, "HumanoidRl.PpoCheckpoint"u8.Length);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => runner.LoadCheckpoint(path));

        Assert.Contains("checkpoint format version 7, this build reads versions 1 to 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_replaces_the_file_and_leaves_no_temporary_files()
    {
        using var environment = Environment();
        using var runner = new OnPolicyRunner(environment, Settings(seed: 1));
        var path = Path.Combine(_folder, "checkpoint.bin");
        runner.SaveCheckpoint(path);
        runner.Learn(1);
        runner.SaveCheckpoint(path);

        Assert.Equal(["checkpoint.bin"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        using var reloaded = new OnPolicyRunner(environment, Settings(seed: 2));
        reloaded.LoadCheckpoint(path);
        Assert.Equal(1, reloaded.Iteration);
    }

    [Fact]
    public void Loading_into_a_differently_shaped_network_names_the_mismatch()
    {
        using var environment = Environment();
        using var runner = new OnPolicyRunner(environment, Settings(seed: 1));
        var path = Path.Combine(_folder, "checkpoint.bin");
        runner.SaveCheckpoint(path);
        var wider = Settings(seed: 1) with { Policy = new ActorCriticSettings { ActorHiddenSizes = [32, 16], CriticHiddenSizes = [16] } };
        using var other = new OnPolicyRunner(environment, wider);

        var error = Assert.Throws<InvalidDataException>(() => other.LoadCheckpoint(path));

        Assert.Contains("actor hidden sizes is 16,16", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_or_foreign_files_are_refused()
    {
        using var environment = Environment();
        using var runner = new OnPolicyRunner(environment, Settings(seed: 1));
        var path = Path.Combine(_folder, "checkpoint.bin");
        runner.SaveCheckpoint(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => runner.LoadCheckpoint(path));

        File.WriteAllText(path, "not a checkpoint");
        var error = Assert.Throws<InvalidDataException>(() => runner.LoadCheckpoint(path));
        Assert.Contains("not a HumanoidRl PPO checkpoint", error.Message, StringComparison.Ordinal);
    }
}
