namespace HumanoidRl.Training.Ppo;

/// <summary>What one training iteration (collect a rollout, update) did.</summary>
/// <param name="Iteration">Iterations completed, counting this one (continues across checkpoints).</param>
/// <param name="EnvironmentStepsPerSecond">Environment policy steps of this iteration over its collection plus update time.</param>
/// <param name="CollectionSeconds">Wall time of stepping and inference.</param>
/// <param name="UpdateSeconds">Wall time of returns and the PPO update.</param>
/// <param name="Episodes">Window of recently finished episodes: mean return, length and fall rate.</param>
/// <param name="Update">Mean KL, losses, entropy and learning rate of the update.</param>
/// <param name="MeanActionStd">Mean policy standard deviation after the update.</param>
/// <param name="ClampedActionFraction">Share of the rollout's action values outside [-1, 1], which the environment clamped.</param>
/// <param name="CommandRangeFraction">The command curriculum's fraction of the command ranges after the iteration; null without a
/// curriculum.</param>
public sealed record IterationStatistics(
    int Iteration,
    double EnvironmentStepsPerSecond,
    double CollectionSeconds,
    double UpdateSeconds,
    EpisodeStatistics Episodes,
    PpoUpdateStatistics Update,
    double MeanActionStd,
    double ClampedActionFraction,
    double? CommandRangeFraction = null);
