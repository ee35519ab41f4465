using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class RolloutStorageTests
{
    public RolloutStorageTests() => TorchSharpLoader.Ensure();

    private static void AddStep(RolloutStorage storage, float[] observations, float[] values, float[] rewards, float[] dones)
    {
        var envs = storage.NumEnvs;
        using var obs = tensor(observations).reshape(envs, observations.Length / envs);
        using var actions = zeros(envs, 1);
        using var sample = new DisposableSample(actions);
        using var valueTensor = tensor(values);
        storage.Add(obs, obs, sample.Sample, valueTensor, rewards, dones);
    }

    [Fact]
    public void Gae_returns_and_advantages_match_a_hand_computed_example()
    {
        using var storage = new RolloutStorage(numStepsPerEnv: 3, numEnvs: 2, observationSize: 1, criticObservationSize: 1, actionSize: 1);
        // env 0 runs through; env 1 ends its episode at step 1, so GAE must not look past it.
        AddStep(storage, [0f, 0f], values: [0.5f, 0.2f], rewards: [1f, 1f], dones: [0f, 0f]);
        AddStep(storage, [0f, 0f], values: [1.0f, 0.4f], rewards: [2f, 1f], dones: [0f, 1f]);
        AddStep(storage, [0f, 0f], values: [1.5f, 0.6f], rewards: [3f, 1f], dones: [0f, 0f]);
        using var lastValues = tensor(new[] { 2f, 10f });

        storage.ComputeReturns(lastValues, gamma: 0.9, lambda: 0.8, normalizeAdvantages: false);

        // delta_t = r_t + gamma (1 - d_t) V_{t+1} - V_t ; A_t = delta_t + gamma lambda (1 - d_t) A_{t+1}
        // env 0: deltas 1.4, 2.35, 3.3 -> A = 4.80272, 4.726, 3.3
        // env 1: deltas 1.16, 0.6 (done), 9.4 -> A = 1.592, 0.6, 9.4
        float[] expectedAdvantages = [4.80272f, 1.592f, 4.726f, 0.6f, 3.3f, 9.4f];
        float[] expectedReturns = [5.30272f, 1.792f, 5.726f, 1.0f, 4.8f, 10.0f];
        var advantages = storage.Advantages.data<float>().ToArray();
        var returns = storage.Returns.data<float>().ToArray();
        for (var i = 0; i < expectedAdvantages.Length; i++)
        {
            Assert.Equal(expectedAdvantages[i], advantages[i], 4);
            Assert.Equal(expectedReturns[i], returns[i], 4);
        }
    }

    [Fact]
    public void Normalized_advantages_have_zero_mean_and_unit_std()
    {
        using var storage = new RolloutStorage(numStepsPerEnv: 2, numEnvs: 3, observationSize: 1, criticObservationSize: 1, actionSize: 1);
        AddStep(storage, [0f, 0f, 0f], values: [0f, 1f, 2f], rewards: [5f, -1f, 0.5f], dones: [0f, 0f, 1f]);
        AddStep(storage, [0f, 0f, 0f], values: [3f, 0f, 1f], rewards: [2f, 7f, -3f], dones: [1f, 0f, 0f]);
        using var lastValues = tensor(new[] { 1f, 2f, 3f });

        storage.ComputeReturns(lastValues, gamma: 0.99, lambda: 0.95);

        Assert.Equal(0.0, storage.Advantages.mean().item<float>(), 5);
        Assert.Equal(1.0, storage.Advantages.std().item<float>(), 4);
    }

    [Fact]
    public void Each_epoch_of_minibatches_covers_every_sample_exactly_once()
    {
        const int steps = 4, envs = 3, miniBatches = 3;
        using var storage = new RolloutStorage(steps, envs, observationSize: 2, criticObservationSize: 2, actionSize: 1);
        for (var t = 0; t < steps; t++)
        {
            var ids = new float[envs * 2];
            for (var e = 0; e < envs; e++) ids[e * 2] = ids[e * 2 + 1] = t * envs + e;
            AddStep(storage, ids, new float[envs], new float[envs], new float[envs]);
        }
        using var lastValues = zeros(envs);
        storage.ComputeReturns(lastValues, 0.99, 0.95);
        using var generator = new Generator(42);

        var seen = new List<List<float>>();
        var batchIndex = 0;
        foreach (var batch in storage.MiniBatches(miniBatches, numEpochs: 2, generator))
        {
            using var owned = batch;
            Assert.Equal(new long[] { 4, 2 }, batch.Observations.shape);
            Assert.Equal(new long[] { 4 }, batch.Advantages.shape);
            if (batchIndex++ % miniBatches == 0) seen.Add([]);
            seen[^1].AddRange(batch.Observations.select(1, 0).data<float>().ToArray());
        }

        Assert.Equal(2, seen.Count);
        foreach (var epoch in seen)
            Assert.Equal(Enumerable.Range(0, steps * envs).Select(i => (float)i), epoch.Order());
        Assert.NotEqual(seen[0], seen[1]); // reshuffled each epoch
    }

    [Fact]
    public void Adding_beyond_the_rollout_length_is_refused()
    {
        using var storage = new RolloutStorage(numStepsPerEnv: 1, numEnvs: 1, observationSize: 1, criticObservationSize: 1, actionSize: 1);
        AddStep(storage, [0f], [0f], [0f], [0f]);
        var error = Assert.Throws<InvalidOperationException>(() => AddStep(storage, [0f], [0f], [0f], [0f]));
        Assert.Contains("full", error.Message, StringComparison.Ordinal);
    }

    private sealed class DisposableSample : IDisposable
    {
        public DisposableSample(Tensor actions)
        {
            Sample = new ActionSample(actions, zeros(actions.shape[0]), zeros_like(actions), ones_like(actions));
        }

        public ActionSample Sample { get; }

        public void Dispose()
        {
            Sample.LogProbs.Dispose();
            Sample.Means.Dispose();
            Sample.Stds.Dispose();
        }
    }
}
