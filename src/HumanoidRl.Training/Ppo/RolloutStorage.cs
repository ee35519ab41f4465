using static TorchSharp.torch;

namespace HumanoidRl.Training.Ppo;

/// <summary>One shuffled slice of the rollout, flattened over steps and environments; the consumer disposes it.</summary>
public sealed record MiniBatch(
    Tensor Observations,
    Tensor CriticObservations,
    Tensor Actions,
    Tensor Values,
    Tensor Advantages,
    Tensor Returns,
    Tensor LogProbs,
    Tensor Means,
    Tensor Stds) : IDisposable
{
    public void Dispose()
    {
        foreach (var tensor in new[] { Observations, CriticObservations, Actions, Values, Advantages, Returns, LogProbs, Means, Stds })
            tensor.Dispose();
    }
}

/// <summary>
/// Preallocated [NumStepsPerEnv, NumEnvs, ...] tensors of one rollout, GAE(lambda) returns and advantages, and
/// the shuffled minibatch generator. Rewards stored here already carry the time-out bootstrap.
/// </summary>
public sealed class RolloutStorage : IDisposable
{
    public RolloutStorage(int numStepsPerEnv, int numEnvs, int observationSize, int criticObservationSize, int actionSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numStepsPerEnv, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(numEnvs, 1);
        NumStepsPerEnv = numStepsPerEnv;
        NumEnvs = numEnvs;
        Observations = zeros(numStepsPerEnv, numEnvs, observationSize);
        CriticObservations = zeros(numStepsPerEnv, numEnvs, criticObservationSize);
        Actions = zeros(numStepsPerEnv, numEnvs, actionSize);
        Means = zeros(numStepsPerEnv, numEnvs, actionSize);
        Stds = zeros(numStepsPerEnv, numEnvs, actionSize);
        Rewards = zeros(numStepsPerEnv, numEnvs);
        Dones = zeros(numStepsPerEnv, numEnvs);
        Values = zeros(numStepsPerEnv, numEnvs);
        LogProbs = zeros(numStepsPerEnv, numEnvs);
        Returns = zeros(numStepsPerEnv, numEnvs);
        Advantages = zeros(numStepsPerEnv, numEnvs);
    }

    public int NumStepsPerEnv { get; }

    public int NumEnvs { get; }

    /// <summary>Steps stored so far in this rollout.</summary>
    public int StepCount { get; private set; }

    public Tensor Observations { get; }

    public Tensor CriticObservations { get; }

    public Tensor Actions { get; }

    public Tensor Means { get; }

    public Tensor Stds { get; }

    public Tensor Rewards { get; }

    /// <summary>1 where the step ended the episode (terminated or truncated): GAE does not look past it.</summary>
    public Tensor Dones { get; }

    public Tensor Values { get; }

    public Tensor LogProbs { get; }

    public Tensor Returns { get; }

    public Tensor Advantages { get; }

    /// <summary>Stores the next step; tensors are [NumEnvs, ...], rewards and dones one value per environment.</summary>
    public void Add(
        Tensor observations,
        Tensor criticObservations,
        ActionSample sample,
        Tensor values,
        ReadOnlySpan<float> rewards,
        ReadOnlySpan<float> dones)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (StepCount >= NumStepsPerEnv)
            throw new InvalidOperationException($"Rollout storage is full ({NumStepsPerEnv} steps); call Clear after the update.");
        if (rewards.Length != NumEnvs || dones.Length != NumEnvs)
            throw new ArgumentException(
                $"Rewards ({rewards.Length}) and dones ({dones.Length}) must have one value per environment ({NumEnvs}).");

        var t = StepCount;
        using (var o = Observations[t]) o.copy_(observations);
        using (var c = CriticObservations[t]) c.copy_(criticObservations);
        using (var a = Actions[t]) a.copy_(sample.Actions);
        using (var m = Means[t]) m.copy_(sample.Means);
        using (var s = Stds[t]) s.copy_(sample.Stds);
        using (var l = LogProbs[t]) l.copy_(sample.LogProbs);
        using (var v = Values[t]) v.copy_(values);
        using (var r = Rewards[t]) r.data<float>().CopyFrom(rewards, 0, 0);
        using (var d = Dones[t]) d.data<float>().CopyFrom(dones, 0, 0);
        StepCount++;
    }

    public void Clear() => StepCount = 0;

    /// <summary>
    /// GAE(lambda) over the full rollout: advantages A_t = sum_k (gamma lambda)^k delta_{t+k} cut at episode ends,
    /// returns R_t = A_t + V_t; then advantages are normalized to zero mean and unit std over the batch.
    /// </summary>
    public void ComputeReturns(Tensor lastValues, double gamma, double lambda, bool normalizeAdvantages = true)
    {
        ArgumentNullException.ThrowIfNull(lastValues);
        if (StepCount != NumStepsPerEnv)
            throw new InvalidOperationException($"Rollout has {StepCount} of {NumStepsPerEnv} steps; returns need a full rollout.");

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var advantage = zeros(NumEnvs);
        for (var t = NumStepsPerEnv - 1; t >= 0; t--)
        {
            var nextValues = t == NumStepsPerEnv - 1 ? lastValues : Values[t + 1];
            var notDone = 1.0 - Dones[t];
            var delta = Rewards[t] + notDone * gamma * nextValues - Values[t];
            advantage = delta + notDone * (gamma * lambda) * advantage;
            Returns[t].copy_(advantage + Values[t]);
        }
        Advantages.copy_(Returns - Values);
        if (normalizeAdvantages)
            Advantages.copy_((Advantages - Advantages.mean()) / (Advantages.std() + 1e-8));
    }

    /// <summary>
    /// numEpochs passes, each a fresh permutation (from <paramref name="generator"/>) cut into numMiniBatches
    /// equal slices. Dispose each minibatch after use.
    /// </summary>
    public IEnumerable<MiniBatch> MiniBatches(int numMiniBatches, int numEpochs, Generator generator)
    {
        var batchSize = (long)NumStepsPerEnv * NumEnvs;
        if (numMiniBatches < 1 || numMiniBatches > batchSize)
            throw new ArgumentOutOfRangeException(
                nameof(numMiniBatches), numMiniBatches, $"Expected 1..{batchSize} (steps x envs) minibatches.");
        ArgumentOutOfRangeException.ThrowIfLessThan(numEpochs, 1);
        return Generate(numMiniBatches, numEpochs, generator, batchSize);
    }

    private IEnumerable<MiniBatch> Generate(int numMiniBatches, int numEpochs, Generator generator, long batchSize)
    {
        var miniBatchSize = batchSize / numMiniBatches;
        using var observations = Observations.flatten(0, 1);
        using var criticObservations = CriticObservations.flatten(0, 1);
        using var actions = Actions.flatten(0, 1);
        using var values = Values.flatten(0, 1);
        using var advantages = Advantages.flatten(0, 1);
        using var returns = Returns.flatten(0, 1);
        using var logProbs = LogProbs.flatten(0, 1);
        using var means = Means.flatten(0, 1);
        using var stds = Stds.flatten(0, 1);
        for (var epoch = 0; epoch < numEpochs; epoch++)
        {
            using var permutation = randperm(batchSize, generator: generator);
            for (var i = 0; i < numMiniBatches; i++)
            {
                var indices = permutation.narrow(0, i * miniBatchSize, miniBatchSize);
                yield return new MiniBatch(
                    observations.index_select(0, indices),
                    criticObservations.index_select(0, indices),
                    actions.index_select(0, indices),
                    values.index_select(0, indices),
                    advantages.index_select(0, indices),
                    returns.index_select(0, indices),
                    logProbs.index_select(0, indices),
                    means.index_select(0, indices),
                    stds.index_select(0, indices));
                indices.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var tensor in new[]
            { Observations, CriticObservations, Actions, Means, Stds, Rewards, Dones, Values, LogProbs, Returns, Advantages })
            tensor.Dispose();
    }
}
