namespace HumanoidRl.Training.Ppo;

/// <summary>Means over all minibatches of one PPO update.</summary>
/// <param name="MeanKl">KL divergence from the rollout policy to the policy being updated.</param>
/// <param name="ValueLoss">Value loss (clipped when configured).</param>
/// <param name="SurrogateLoss">Clipped surrogate loss (negated objective).</param>
/// <param name="Entropy">Policy entropy per sample, in nats.</param>
/// <param name="LearningRate">Learning rate after the update.</param>
public sealed record PpoUpdateStatistics(double MeanKl, double ValueLoss, double SurrogateLoss, double Entropy, double LearningRate);
