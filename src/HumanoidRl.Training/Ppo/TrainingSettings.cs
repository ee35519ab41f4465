using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Training.Ppo;

/// <summary>Everything <see cref="OnPolicyRunner"/> needs besides the environment.</summary>
public sealed record TrainingSettings
{
    public PpoSettings Ppo { get; init; } = new();

    public ActorCriticSettings Policy { get; init; } = new();

    /// <summary>Seeds the network initialization and the generator for action noise and minibatch shuffling.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>
    /// libtorch threads for training runs. The networks and batches are small: on more threads libtorch's per-call
    /// fork-join costs more than it saves and its workers compete with the environment threads (`bench train`
    /// measures both side by side).
    /// </summary>
    public const int TrainingTorchThreads = 1;

    /// <summary>Threads libtorch uses for inference and updates (torch.set_num_threads); the environment steps on its own threads.</summary>
    public int TorchThreadCount { get; init; } = TrainingTorchThreads;

    /// <summary>Running normalization of actor and critic observations.</summary>
    public bool NormalizeObservations { get; init; } = true;

    /// <summary>Finished episodes the reported episode means are taken over.</summary>
    public int EpisodeStatisticsWindow { get; init; } = 100;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Ppo, nameof(Ppo));
        ArgumentNullException.ThrowIfNull(Policy, nameof(Policy));
        Ppo.Validate();
        Policy.Validate();
        if (TorchThreadCount < 1)
            throw new ArgumentOutOfRangeException(nameof(TorchThreadCount), TorchThreadCount, $"Training setting {nameof(TorchThreadCount)} = {TorchThreadCount}: expected >= 1.");
        if (EpisodeStatisticsWindow < 1)
            throw new ArgumentOutOfRangeException(nameof(EpisodeStatisticsWindow), EpisodeStatisticsWindow, $"Training setting {nameof(EpisodeStatisticsWindow)} = {EpisodeStatisticsWindow}: expected >= 1.");
    }
}
