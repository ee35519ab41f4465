using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Tasks;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Ppo;

/// <summary>A sampled action with what PPO needs to score it later.</summary>
public sealed record ActionSample(Tensor Actions, Tensor LogProbs, Tensor Means, Tensor Stds);

/// <summary>
/// Gaussian policy and value function as separate ELU MLPs. The actor sees the (normalized) actor observation,
/// the critic the (normalized) critic observation; the action standard deviation is a learned,
/// state-independent log-std per action dimension. Optionally a linear velocity head on the actor's last hidden
/// layer estimates the base velocity for an auxiliary loss (<see cref="PpoSettings.VelocityEstimationCoef"/>); it
/// is not part of the policy and is not exported.
/// </summary>
public sealed class ActorCritic : nn.Module
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private readonly Sequential _actor;
    private readonly nn.Module<Tensor, Tensor>[] _actorHiddenLayers;
    private readonly nn.Module<Tensor, Tensor> _actorOutput;
    private readonly Linear? _velocityHead;
    private readonly Sequential _critic;
    private readonly Parameter _logStd;

    /// <summary>Weights are drawn from torch's global generator; seed it (torch.manual_seed) for a reproducible start.</summary>
    /// <param name="velocityEstimateSize">Outputs of the velocity head; 0 leaves it out (and draws nothing for it).</param>
    public ActorCritic(
        int observationSize, int criticObservationSize, int actionSize, ActorCriticSettings settings, int velocityEstimateSize = 0)
        : base(nameof(ActorCritic))
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(criticObservationSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(velocityEstimateSize);

        ObservationSize = observationSize;
        CriticObservationSize = criticObservationSize;
        ActionSize = actionSize;
        Settings = settings;

        // Orthogonal init as in the PPO implementation studies: sqrt(2) for ELU hidden layers, a small actor
        // output so the initial policy is centred on zero, unit gain on the value output.
        var actorLayers = MlpLayers(observationSize, settings.ActorHiddenSizes, actionSize, outputGain: 0.01);
        _actor = nn.Sequential(actorLayers);
        _actorHiddenLayers = [.. actorLayers.SkipLast(1).Select(layer => layer.Item2)];
        _actorOutput = actorLayers[^1].Item2;
        _critic = nn.Sequential(MlpLayers(criticObservationSize, settings.CriticHiddenSizes, 1, outputGain: 1.0));
        _logStd = nn.Parameter(full(actionSize, Math.Log(settings.InitialActionStd), dtype: float32));
        register_module("actor", _actor);
        register_module("critic", _critic);
        register_parameter("log_std", _logStd);
        if (velocityEstimateSize > 0)
        {
            var lastHidden = settings.ActorHiddenSizes.Count > 0 ? settings.ActorHiddenSizes[^1] : observationSize;
            _velocityHead = OrthogonalLinear(lastHidden, velocityEstimateSize, gain: 1.0);
            register_module("velocity_head", _velocityHead);
        }
        VelocityEstimateSize = velocityEstimateSize;
    }

    public int ObservationSize { get; }

    public int CriticObservationSize { get; }

    public int ActionSize { get; }

    public ActorCriticSettings Settings { get; }

    /// <summary>Outputs of the velocity head, 0 without one.</summary>
    public int VelocityEstimateSize { get; }

    /// <summary>The actor network alone: normalized observation -> mean action (what is exported).</summary>
    public Sequential Actor => _actor;

    /// <summary>Current action standard deviation per dimension, [ActionSize].</summary>
    public Tensor ActionStd() => _logStd.exp();

    /// <summary>Deterministic action for deployment: the mean of the policy, [batch, ActionSize].</summary>
    public Tensor ActionMean(Tensor observations) => _actor.forward(observations);

    /// <summary>State value from the critic observation, [batch].</summary>
    public Tensor Value(Tensor criticObservations) => _critic.forward(criticObservations).squeeze(-1);

    /// <summary>Samples actions with the given generator (no gradient).</summary>
    public ActionSample Act(Tensor observations, Generator generator)
    {
        using var noGrad = no_grad();
        var means = _actor.forward(observations);
        var stds = _logStd.exp().expand_as(means);
        var actions = means + stds * randn(means.shape, dtype: means.dtype, generator: generator);
        return new ActionSample(actions, GaussianLogProb(actions, means, stds), means, stds);
    }

    /// <summary>
    /// Log-probability, entropy, mean and std of given actions under the current policy, and the velocity head's
    /// estimate from the same hidden features (null without a head), all with gradient.
    /// </summary>
    public (Tensor LogProbs, Tensor Entropy, Tensor Means, Tensor Stds, Tensor? VelocityEstimates) Evaluate(
        Tensor observations, Tensor actions)
    {
        var hidden = observations;
        foreach (var layer in _actorHiddenLayers) hidden = layer.forward(hidden);
        var means = _actorOutput.forward(hidden);
        var stds = _logStd.exp().expand_as(means);
        var entropy = (0.5 + HalfLogTwoPi + _logStd).sum().expand(means.shape[0]);
        return (GaussianLogProb(actions, means, stds), entropy, means, stds, _velocityHead?.forward(hidden));
    }

    /// <summary>
    /// Overwrites the actor's layers with given ones (an exported policy's), which must have the actor's shapes.
    /// The critic and the action std are left as they are.
    /// </summary>
    public void LoadActor(IReadOnlyList<DenseLayer> layers, string source)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var linears = _actor.children().OfType<Linear>().ToList();
        var actorShape = string.Join(" -> ", linears.Select(l => l.weight!.shape[1]).Append(ActionSize));
        var givenShape = string.Join(" -> ", layers.Select(l => (long)l.InputSize).Append(layers.Count > 0 ? layers[^1].OutputSize : 0));
        if (actorShape != givenShape)
            throw new InvalidDataException(
                $"{source}: its network is {givenShape}, this task's actor is {actorShape} (policy.actor_hidden_sizes)");
        using var noGrad = no_grad();
        for (var i = 0; i < layers.Count; i++)
        {
            using var weight = tensor(layers[i].Weight).reshape(layers[i].OutputSize, layers[i].InputSize);
            using var bias = tensor(layers[i].Bias);
            linears[i].weight!.copy_(weight);
            linears[i].bias!.copy_(bias);
        }
    }

    /// <summary>Sets the action std per dimension (a taken-over policy's), e.g. to explore as it last did.</summary>
    public void SetActionStd(IReadOnlyList<float> std, string source)
    {
        ArgumentNullException.ThrowIfNull(std);
        if (std.Count != ActionSize)
            throw new InvalidDataException($"{source}: {std.Count} action std values, this actor has {ActionSize} actions");
        using var noGrad = no_grad();
        using var values = tensor(std.ToArray());
        _logStd.copy_(values.log());
    }

    /// <summary>Sum over action dimensions of the diagonal Gaussian log density.</summary>
    public static Tensor GaussianLogProb(Tensor actions, Tensor means, Tensor stds)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(stds);
        var z = (actions - means) / stds;
        return (-0.5 * z.square() - stds.log() - HalfLogTwoPi).sum(-1);
    }

    private static List<(string, nn.Module<Tensor, Tensor>)> MlpLayers(
        int inputSize, IReadOnlyList<int> hiddenSizes, int outputSize, double outputGain)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var previous = inputSize;
        for (var i = 0; i < hiddenSizes.Count; i++)
        {
            layers.Add(($"linear{i}", OrthogonalLinear(previous, hiddenSizes[i], Math.Sqrt(2))));
            layers.Add(($"elu{i}", new HiddenLayerElu()));
            previous = hiddenSizes[i];
        }
        layers.Add(("output", OrthogonalLinear(previous, outputSize, outputGain)));
        return layers;
    }

    private static Linear OrthogonalLinear(int inputSize, int outputSize, double gain)
    {
        var linear = nn.Linear(inputSize, outputSize);
        using var noGrad = no_grad();
        nn.init.orthogonal_(linear.weight!, gain);
        nn.init.zeros_(linear.bias!);
        return linear;
    }
}
