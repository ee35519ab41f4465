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
    /// libtorch threads while the environments step and the policy acts on their observations: one, since libtorch's
    /// workers would compete with the environment threads, and on these small networks and batches its per-call
    /// fork-join costs more than it saves (`bench train` measures it).
    /// </summary>
    public const int CollectionTorchThreads = 1;

    /// <summary>Threads libtorch uses for the batched inference of collection (torch.set_num_threads).</summary>
    public int CollectionTorchThreadCount { get; init; } = CollectionTorchThreads;

    /// <summary>
    /// Threads libtorch uses for the PPO update, while the environment threads wait: the cores the run was given,
    /// since the update runs faster on them and leaves the weights bit-identical (`bench train` measures it).
    /// </summary>
    public int UpdateTorchThreadCount { get; init; } = 1;

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
        if (CollectionTorchThreadCount < 1)
            throw new ArgumentOutOfRangeException(nameof(CollectionTorchThreadCount), CollectionTorchThreadCount,
                $"Training setting {nameof(CollectionTorchThreadCount)} = {CollectionTorchThreadCount}: expected >= 1.");
        if (UpdateTorchThreadCount < 1)
            throw new ArgumentOutOfRangeException(nameof(UpdateTorchThreadCount), UpdateTorchThreadCount,
                $"Training setting {nameof(UpdateTorchThreadCount)} = {UpdateTorchThreadCount}: expected >= 1.");
        if (EpisodeStatisticsWindow < 1)
            throw new ArgumentOutOfRangeException(nameof(EpisodeStatisticsWindow), EpisodeStatisticsWindow,
                $"Training setting {nameof(EpisodeStatisticsWindow)} = {EpisodeStatisticsWindow}: expected >= 1.");
    }
}
