using HumanoidRl.Core.Environments;
using HumanoidRl.Core.Reward;
using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Sim.Environment;

/// <summary>
/// N humanoid environments stepped together on a fixed set of threads. Every environment has its own random
/// stream derived from the seed and its index, so results are bit-identical whatever the thread count.
/// With a command curriculum, finished episodes feed it in environment order after each step (on the calling
/// thread, so also independent of the thread count) and new commands are drawn from its current ranges.
/// </summary>
public sealed class HumanoidVectorEnvironment : IVectorEnvironment
{
    private readonly HumanoidEnvironment[] _environments;
    private readonly BlockWorkers _workers;
    private readonly float[] _observations;
    private readonly float[] _criticObservations;
    private readonly float[] _rewards;
    private readonly byte[] _terminated;
    private readonly byte[] _truncated;
    private readonly Action<int> _stepOne;
    private readonly Action<int> _resetOne;
    private readonly double[] _finishedTrackingReward;
    private readonly double[] _finishedEpisodeS;
    private float[] _actions = [];

    /// <param name="commandCurriculum">Training's command curriculum; null (evaluation) samples the full ranges.</param>
    public HumanoidVectorEnvironment(HumanoidTask task, int environmentCount, int threads, CommandCurriculum? commandCurriculum = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(environmentCount);
        Task = task;
        _environments = new HumanoidEnvironment[environmentCount];
        for (var i = 0; i < environmentCount; i++) _environments[i] = new HumanoidEnvironment(task, EnvironmentSeed(0, i));
        ObservationSize = task.Layout.Size;
        CriticObservationSize = task.CriticObservationSize;
        ActionSize = task.JointCount;
        _observations = new float[environmentCount * ObservationSize];
        _criticObservations = new float[environmentCount * CriticObservationSize];
        _rewards = new float[environmentCount];
        _terminated = new byte[environmentCount];
        _truncated = new byte[environmentCount];
        _finishedTrackingReward = new double[environmentCount];
        _finishedEpisodeS = new double[environmentCount];
        CommandCurriculum = commandCurriculum;
        _workers = new BlockWorkers(environmentCount, threads);
        _stepOne = StepOne;
        _resetOne = ResetOne;
    }

    public HumanoidTask Task { get; }

    public CommandCurriculum? CommandCurriculum { get; }

    public int EnvironmentCount => _environments.Length;

    public int ObservationSize { get; }

    public int CriticObservationSize { get; }

    public int CriticBaseVelocityIndex => Task.CriticBaseVelocityIndex;

    public int ActionSize { get; }

    public int Threads => _workers.Threads;

    /// <summary>Bytes allocated while stepping and resetting, counted on the stepping threads only.</summary>
    public long SteppingAllocatedBytes => _workers.AllocatedBytes;

    public ReadOnlySpan<float> Observations => _observations;

    public ReadOnlySpan<float> CriticObservations => _criticObservations;

    public ReadOnlySpan<float> Rewards => _rewards;

    public ReadOnlySpan<byte> Terminated => _terminated;

    public ReadOnlySpan<byte> Truncated => _truncated;

    /// <summary>Environment i, for inspection (tests, evaluation).</summary>
    public HumanoidEnvironment this[int index] => _environments[index];

    public void Reset(int seed)
    {
        for (var i = 0; i < _environments.Length; i++) _environments[i].Reseed(EnvironmentSeed(seed, i));
        Array.Clear(_rewards);
        Array.Clear(_terminated);
        Array.Clear(_truncated);
        ApplyCommandRangeFraction();
        _workers.Run(_resetOne);
    }

    public void Step(ReadOnlySpan<float> actions)
    {
        if (actions.Length != _environments.Length * ActionSize)
            throw new ArgumentException($"actions hold {actions.Length} values, expected {_environments.Length} x {ActionSize}",
                nameof(actions));
        if (_actions.Length != actions.Length) _actions = new float[actions.Length];
        actions.CopyTo(_actions);
        _workers.Run(_stepOne);
        if (CommandCurriculum is null) return;
        for (var i = 0; i < _environments.Length; i++)
        {
            if (_terminated[i] != 0 || _truncated[i] != 0)
                CommandCurriculum.AddFinishedEpisode(_finishedTrackingReward[i], _finishedEpisodeS[i], fell: _terminated[i] != 0);
        }
        ApplyCommandRangeFraction();
    }

    public void Dispose()
    {
        _workers.Dispose();
        foreach (var environment in _environments) environment.Dispose();
    }

    /// <summary>A distinct, well-mixed seed per (run seed, environment index) (SplitMix64 finalizer).</summary>
    public static int EnvironmentSeed(int seed, int index)
    {
        var z = unchecked(((ulong)(uint)seed << 32) + (ulong)index + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    private void ApplyCommandRangeFraction()
    {
        if (CommandCurriculum is null) return;
        foreach (var environment in _environments) environment.CommandRangeFraction = CommandCurriculum.RangeFraction;
    }

    private void ResetOne(int i) =>
        _environments[i].Reset(_observations.AsSpan(i * ObservationSize, ObservationSize),
            _criticObservations.AsSpan(i * CriticObservationSize, CriticObservationSize));

    private void StepOne(int i)
    {
        var observation = _observations.AsSpan(i * ObservationSize, ObservationSize);
        var critic = _criticObservations.AsSpan(i * CriticObservationSize, CriticObservationSize);
        var environment = _environments[i];
        _rewards[i] = (float)environment.Step(_actions.AsSpan(i * ActionSize, ActionSize), observation, critic, out var terminated,
            out var truncated);
        _terminated[i] = terminated ? (byte)1 : (byte)0;
        _truncated[i] = truncated ? (byte)1 : (byte)0;
        if (!terminated && !truncated) return;
        // The episode's sums are cleared by the reset; keep what the curriculum judges it by.
        _finishedTrackingReward[i] = environment.EpisodeRewardTerms[(int)RewardTerm.LinearVelocityTracking];
        _finishedEpisodeS[i] = environment.EpisodeTimeS;
        environment.Reset(observation, critic);
    }
}
