namespace HumanoidRl.Training.Ppo;

/// <summary>Means over all minibatches of one PPO update.</summary>
/// <param name="MeanKl">KL divergence from the rollout policy to the policy being updated.</param>
/// <param name="ValueLoss">Value loss (clipped when configured).</param>
/// <param name="SurrogateLoss">Clipped surrogate loss (negated objective).</param>
/// <param name="Entropy">Policy entropy per sample, in nats.</param>
/// <param name="LearningRate">Learning rate after the update.</param>
/// <param name="VelocityEstimationLoss">
/// Mean squared error of the velocity head in normalized critic-observation units (1 = as far off as always
/// guessing the mean); NaN without a head.
/// </param>
public sealed record PpoUpdateStatistics(
    double MeanKl,
    double ValueLoss,
    double SurrogateLoss,
    double Entropy,
    double LearningRate,
    double VelocityEstimationLoss = double.NaN);
