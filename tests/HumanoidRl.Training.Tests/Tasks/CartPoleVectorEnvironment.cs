using HumanoidRl.Core.Environments;
using HumanoidRl.MuJoCo;

namespace HumanoidRl.Training.Tests.Tasks;

/// <summary>
/// The classic balance task in MuJoCo (cartpole.xml): up to +1 per policy step while the pole stays within
/// <see cref="MaxPoleAngleRad"/> of upright and the cart within <see cref="MaxCartPositionM"/> of the centre;
/// leaving either is a fall (terminated), reaching <see cref="MaxEpisodeSteps"/> a time-out (truncated).
/// The reward loses up to half its value as the cart nears the rail end, so a balancing policy also learns
/// to stay centred instead of drifting off the rail late in the episode.
/// Actor: cart position, pole angle, their velocities. Critic: the same plus the fraction of the time limit
/// left (privileged: a real system would not know it). Every environment has its own seeded random stream,
/// so the same seed and actions give the same trajectory.
/// </summary>
internal sealed class CartPoleVectorEnvironment : IVectorEnvironment
{
    public const double MaxPoleAngleRad = 0.2;
    public const double MaxCartPositionM = 2.4;
    private const int PhysicsStepsPerPolicyStep = 2;
    private const double InitialStateRange = 0.05;
    private const int Observed = 4;

    private readonly MjModel _model;
    private readonly MjData[] _data;
    private readonly Random[] _random;
    private readonly int[] _steps;
    private readonly float[] _observations;
    private readonly float[] _criticObservations;
    private readonly float[] _rewards;
    private readonly byte[] _terminated;
    private readonly byte[] _truncated;
    private readonly float[] _actions;
    private readonly ParallelOptions _parallel;

    public CartPoleVectorEnvironment(int environmentCount, int maxEpisodeSteps, int stepperThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(environmentCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpisodeSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepperThreads, 1);
        EnvironmentCount = environmentCount;
        MaxEpisodeSteps = maxEpisodeSteps;
        _model = MjModel.LoadXml(Path.Combine(AppContext.BaseDirectory, "Tasks", "cartpole.xml"));
        if (_model.Nq != 2 || _model.Nu != 1)
            throw new InvalidOperationException($"cartpole.xml: expected 2 joints and 1 actuator, found nq={_model.Nq}, nu={_model.Nu}.");
        _data = new MjData[environmentCount];
        for (var env = 0; env < environmentCount; env++) _data[env] = new MjData(_model);
        _random = new Random[environmentCount];
        _steps = new int[environmentCount];
        _observations = new float[environmentCount * Observed];
        _criticObservations = new float[environmentCount * CriticObservationSize];
        _rewards = new float[environmentCount];
        _terminated = new byte[environmentCount];
        _truncated = new byte[environmentCount];
        _actions = new float[environmentCount];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = stepperThreads };
        Reset(0);
    }

    public int EnvironmentCount { get; }

    public int MaxEpisodeSteps { get; }

    public int ObservationSize => Observed;

    public int CriticObservationSize => Observed + 1;

    public int ActionSize => 1;

    public ReadOnlySpan<float> Observations => _observations;

    public ReadOnlySpan<float> CriticObservations => _criticObservations;

    public ReadOnlySpan<float> Rewards => _rewards;

    public ReadOnlySpan<byte> Terminated => _terminated;

    public ReadOnlySpan<byte> Truncated => _truncated;

    public void Reset(int seed)
    {
        for (var env = 0; env < EnvironmentCount; env++)
        {
            _random[env] = new Random(unchecked(seed * 7919 + env));
            StartEpisode(env);
        }
        Array.Clear(_rewards);
        Array.Clear(_terminated);
        Array.Clear(_truncated);
    }

    public void Step(ReadOnlySpan<float> actions)
    {
        if (actions.Length != EnvironmentCount * ActionSize)
            throw new ArgumentException(
                $"Cart-pole expects {EnvironmentCount * ActionSize} actions, got {actions.Length}.", nameof(actions));
        actions.CopyTo(_actions);
        Parallel.For(0, EnvironmentCount, _parallel, StepOne);
    }

    public void Dispose()
    {
        foreach (var data in _data) data.Dispose();
        _model.Dispose();
    }

    private void StepOne(int env)
    {
        var data = _data[env];
        data.Ctrl[0] = Math.Clamp(_actions[env], -1f, 1f);
        for (var i = 0; i < PhysicsStepsPerPolicyStep; i++) data.Step();
        _steps[env]++;

        var cartPositionM = data.Qpos[0];
        var poleAngleRad = data.Qpos[1];
        var fell = Math.Abs(poleAngleRad) > MaxPoleAngleRad || Math.Abs(cartPositionM) > MaxCartPositionM;
        var offCentre = cartPositionM / MaxCartPositionM;
        _rewards[env] = (float)(1.0 - 0.5 * offCentre * offCentre);
        _terminated[env] = fell ? (byte)1 : (byte)0;
        _truncated[env] = !fell && _steps[env] >= MaxEpisodeSteps ? (byte)1 : (byte)0;
        if (fell || _truncated[env] != 0) StartEpisode(env);
        else WriteObservations(env);
    }

    private void StartEpisode(int env)
    {
        var data = _data[env];
        data.Reset();
        var random = _random[env];
        for (var i = 0; i < 2; i++)
        {
            data.Qpos[i] = (random.NextDouble() * 2 - 1) * InitialStateRange;
            data.Qvel[i] = (random.NextDouble() * 2 - 1) * InitialStateRange;
        }
        _steps[env] = 0;
        WriteObservations(env);
    }

    private void WriteObservations(int env)
    {
        var data = _data[env];
        var observation = _observations.AsSpan(env * Observed, Observed);
        observation[0] = (float)data.Qpos[0];
        observation[1] = (float)data.Qpos[1];
        observation[2] = (float)data.Qvel[0];
        observation[3] = (float)data.Qvel[1];
        var critic = _criticObservations.AsSpan(env * CriticObservationSize, CriticObservationSize);
        observation.CopyTo(critic);
        critic[Observed] = 1f - (float)_steps[env] / MaxEpisodeSteps;
    }
}
