using System.Diagnostics;
using HumanoidRl.Core.Action;
using HumanoidRl.Core.Environments;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Ppo;

/// <summary>
/// Owns the training loop against a vector environment: batched inference for all environments per step,
/// rollout collection with time-out bootstrapping, the PPO update, episode statistics and checkpoints.
/// The environment must have been reset by the caller; each step starts from its current observations.
/// </summary>
public sealed class OnPolicyRunner : IDisposable
{
    private readonly IVectorEnvironment _environment;
    private readonly RolloutStorage _storage;
    private readonly EpisodeTracker _episodes;
    private readonly float[] _observations;
    private readonly float[] _criticObservations;
    private readonly float[] _actions;
    private readonly float[] _values;
    private readonly float[] _rewards;
    private readonly float[] _dones;
    private readonly Tensor _observationTensor;
    private readonly Tensor _criticObservationTensor;

    /// <param name="commandCurriculum">
    /// The environment's command curriculum, if any: the environment advances it, the runner reports it and
    /// checkpoints it with the rest of the training state.
    /// </param>
    public OnPolicyRunner(IVectorEnvironment environment, TrainingSettings settings, CommandCurriculum? commandCurriculum = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        RequirePositive(environment.EnvironmentCount, nameof(environment.EnvironmentCount));
        RequirePositive(environment.ObservationSize, nameof(environment.ObservationSize));
        RequirePositive(environment.CriticObservationSize, nameof(environment.CriticObservationSize));
        RequirePositive(environment.ActionSize, nameof(environment.ActionSize));

        _environment = environment;
        Settings = settings;
        CommandCurriculum = commandCurriculum;
        int envs = environment.EnvironmentCount, obs = environment.ObservationSize,
            criticObs = environment.CriticObservationSize, act = environment.ActionSize;

        // The initialization on a fixed thread count, whatever an earlier runner in this process left set.
        torch.set_num_threads(settings.CollectionTorchThreadCount);
        torch.manual_seed(settings.Seed);
        var estimatesVelocity = settings.Ppo.VelocityEstimationCoef > 0;
        if (estimatesVelocity && environment.CriticBaseVelocityIndex < 0)
            throw new ArgumentException(
                "ppo.velocity_estimation_coef is set, but this environment's critic observation holds no base velocity to estimate",
                nameof(environment));
        ActorCritic = new ActorCritic(obs, criticObs, act, settings.Policy, estimatesVelocity ? IVectorEnvironment.BaseVelocitySize : 0);
        Algorithm = new PpoAlgorithm(ActorCritic, settings.Ppo, environment.CriticBaseVelocityIndex);
        // A separate stream for action noise and minibatch shuffling, so its state can be checkpointed alone.
        Generator = new Generator(unchecked((ulong)settings.Seed + 1UL));
        if (settings.NormalizeObservations)
        {
            ObservationNormalizer = new EmpiricalNormalizer(obs);
            CriticObservationNormalizer = new EmpiricalNormalizer(criticObs);
        }

        _storage = new RolloutStorage(settings.Ppo.NumStepsPerEnv, envs, obs, criticObs, act);
        _episodes = new EpisodeTracker(envs, settings.EpisodeStatisticsWindow);
        _observations = new float[envs * obs];
        _criticObservations = new float[envs * criticObs];
        _actions = new float[envs * act];
        _values = new float[envs];
        _rewards = new float[envs];
        _dones = new float[envs];
        _observationTensor = zeros(envs, obs);
        _criticObservationTensor = zeros(envs, criticObs);
    }

    public TrainingSettings Settings { get; }

    public ActorCritic ActorCritic { get; }

    public PpoAlgorithm Algorithm { get; }

    /// <summary>Actor observation normalizer (null when normalization is off); export it with the actor.</summary>
    public EmpiricalNormalizer? ObservationNormalizer { get; internal set; }

    public EmpiricalNormalizer? CriticObservationNormalizer { get; internal set; }

    /// <summary>Action noise and minibatch shuffling draw from this generator.</summary>
    public Generator Generator { get; }

    /// <summary>Training iterations completed (restored from a checkpoint).</summary>
    public int Iteration { get; internal set; }

    public IVectorEnvironment Environment => _environment;

    public CommandCurriculum? CommandCurriculum { get; }

    /// <summary>Updates before this iteration train the critic alone (a critic new to its policy, or to changed rewards).</summary>
    public int CriticOnlyBeforeIteration { get; set; }

    /// <summary>
    /// Samples an exported policy's normalizer statistics are taken to stand for (the file does not keep the count):
    /// so many that new samples leave them where the actor learned them, since moving them changes what a trained
    /// actor sees and degrades it even while only the critic trains.
    /// </summary>
    public const long TakenOverNormalizerSamples = 1_000_000_000_000;

    /// <summary>
    /// Takes over an exported policy: its layers become the actor, its normalizer the actor's observation
    /// normalizer and, when the file recorded it, its action std the run's. The critic and the optimizer keep their
    /// fresh state, so let the first updates train the critic alone (<see cref="CriticOnlyBeforeIteration"/>):
    /// advantages from an untrained critic would push the policy anywhere.
    /// </summary>
    public void TakeOverPolicy(MlpPolicyWeights policy, IReadOnlyList<float>? actionStd, string source)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.ObservationSize != ActorCritic.ObservationSize)
            throw new InvalidDataException(
                $"{source}: the policy reads {policy.ObservationSize} observation values, this task gives {ActorCritic.ObservationSize}");
        ActorCritic.LoadActor(policy.Layers, source);
        if (actionStd is not null) ActorCritic.SetActionStd(actionStd, source);
        if (ObservationNormalizer is { } current)
        {
            if (current.Clip is { } clip && Math.Abs(policy.ObservationClip - clip) > 1e-6 * clip)
                throw new InvalidDataException(
                    $"{source}: the policy clips normalized observations at {policy.ObservationClip}, this run at {clip}");
            // The file divides by std + epsilon: take epsilon back off for the variance.
            var mean = Array.ConvertAll(policy.ObservationMean, m => (double)m);
            var variance = Array.ConvertAll(policy.ObservationStd, s => Math.Pow(Math.Max(0, s - current.Epsilon), 2));
            ObservationNormalizer = EmpiricalNormalizer.FromStatistics(
                mean, variance, TakenOverNormalizerSamples, current.Epsilon, current.Clip);
        }
    }

    /// <summary>Runs <paramref name="iterations"/> collect-and-update iterations; returns their statistics in order.</summary>
    public IReadOnlyList<IterationStatistics> Learn(int iterations, Action<IterationStatistics>? onIteration = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var results = new List<IterationStatistics>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var statistics = RunIteration();
            results.Add(statistics);
            onIteration?.Invoke(statistics);
        }
        return results;
    }

    /// <summary>Writes a checkpoint atomically (temporary file, then rename).</summary>
    public void SaveCheckpoint(string path) => CheckpointFile.Write(path, this);

    /// <summary>
    /// Restores weights, optimizer, normalizers, iteration and generator state written by <see cref="SaveCheckpoint"/>.
    /// A rollout in progress and the returns of unfinished episodes are dropped: reset the environment after this.
    /// </summary>
    public void LoadCheckpoint(string path)
    {
        CheckpointFile.Read(path, this);
        _storage.Clear();
        _episodes.AbandonRunningEpisodes();
    }

    public void Dispose()
    {
        _observationTensor.Dispose();
        _criticObservationTensor.Dispose();
        _storage.Dispose();
        Algorithm.Dispose();
        ActorCritic.Dispose();
        Generator.Dispose();
    }

    private IterationStatistics RunIteration()
    {
        var gamma = Settings.Ppo.Gamma;
        // Set for each phase: the update changes it, and other runners may share the process.
        torch.set_num_threads(Settings.CollectionTorchThreadCount);
        var collection = Stopwatch.StartNew();
        long clampedActions = 0;
        for (var step = 0; step < Settings.Ppo.NumStepsPerEnv; step++)
        {
            using var scope = NewDisposeScope();
            LoadInputs(updateNormalizers: true);
            var sample = ActorCritic.Act(_observationTensor, Generator);
            Tensor values;
            using (no_grad()) values = ActorCritic.Value(_criticObservationTensor);
            sample.Actions.data<float>().CopyTo(_actions, 0, 0);
            values.data<float>().CopyTo(_values, 0, 0);
            // The environment takes normalized actions in [-1, 1]; the unclipped sample is what PPO scores.
            foreach (var action in _actions) if (action is > 1f or < -1f) clampedActions++;
            ActionMapping.ClampNormalized(_actions, _actions);

            _environment.Step(_actions);

            var rewards = _environment.Rewards;
            var terminated = _environment.Terminated;
            var truncated = _environment.Truncated;
            for (var env = 0; env < _rewards.Length; env++)
            {
                // A time-limit end is not a failure: stand in the value of the state for the lost future.
                _rewards[env] = truncated[env] != 0 ? (float)(rewards[env] + gamma * _values[env]) : rewards[env];
                _dones[env] = terminated[env] != 0 || truncated[env] != 0 ? 1f : 0f;
            }
            _episodes.Record(rewards, terminated, truncated);
            _storage.Add(_observationTensor, _criticObservationTensor, sample, values, _rewards, _dones);
        }
        collection.Stop();

        var update = Stopwatch.StartNew();
        PpoUpdateStatistics updateStatistics;
        double meanActionStd;
        // The environment threads wait during the update, so libtorch may have their cores.
        torch.set_num_threads(Settings.UpdateTorchThreadCount);
        using (var scope = NewDisposeScope())
        {
            // The observations after the last step are normalized again at the next iteration's first step;
            // only that step updates the normalizer, so resuming from a checkpoint sees the same statistics.
            LoadInputs(updateNormalizers: false);
            Tensor lastValues;
            using (no_grad()) lastValues = ActorCritic.Value(_criticObservationTensor);
            _storage.ComputeReturns(lastValues, gamma, Settings.Ppo.Lambda);
            updateStatistics = Algorithm.Update(_storage, Generator, criticOnly: Iteration < CriticOnlyBeforeIteration);
            _storage.Clear();
            using (no_grad()) meanActionStd = ActorCritic.ActionStd().mean().item<float>();
        }
        update.Stop();

        Iteration++;
        var seconds = collection.Elapsed.TotalSeconds + update.Elapsed.TotalSeconds;
        var steps = (double)Settings.Ppo.NumStepsPerEnv * _environment.EnvironmentCount;
        return new IterationStatistics(
            Iteration,
            seconds > 0 ? steps / seconds : double.PositiveInfinity,
            collection.Elapsed.TotalSeconds,
            update.Elapsed.TotalSeconds,
            _episodes.Statistics(),
            updateStatistics,
            meanActionStd,
            clampedActions / (steps * _environment.ActionSize),
            CommandCurriculum?.RangeFraction);
    }

    private void LoadInputs(bool updateNormalizers)
    {
        Prepare(
            _environment.Observations, ObservationNormalizer, _observations, updateNormalizers,
            nameof(IVectorEnvironment.Observations));
        Prepare(
            _environment.CriticObservations, CriticObservationNormalizer, _criticObservations, updateNormalizers,
            nameof(IVectorEnvironment.CriticObservations));
        _observationTensor.data<float>().CopyFrom(_observations, 0, 0);
        _criticObservationTensor.data<float>().CopyFrom(_criticObservations, 0, 0);
    }

    private static void Prepare(ReadOnlySpan<float> raw, EmpiricalNormalizer? normalizer, float[] destination, bool update, string buffer)
    {
        if (raw.Length != destination.Length)
            throw new InvalidOperationException(
                $"Environment buffer {buffer} has {raw.Length} values, expected {destination.Length} (environments x size).");
        if (normalizer is null)
        {
            raw.CopyTo(destination);
            return;
        }
        if (update) normalizer.Update(raw);
        normalizer.Normalize(raw, destination);
    }

    private static void RequirePositive(int value, string field)
    {
        if (value < 1) throw new ArgumentException($"Environment {field} = {value}: expected >= 1.", nameof(field));
    }
}
