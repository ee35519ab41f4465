namespace HumanoidRl.Training.Ppo;

/// <summary>rsl_rl's KL-driven learning rate rule.</summary>
public static class AdaptiveKlSchedule
{
    private const double Factor = 1.5;

    /// <summary>
    /// Divides the learning rate by 1.5 when <paramref name="kl"/> exceeds twice <paramref name="desiredKl"/>,
    /// multiplies it by 1.5 when KL is below half of it (and positive), then clamps to [min, max].
    /// </summary>
    public static double Next(double learningRate, double kl, double desiredKl, double minLearningRate, double maxLearningRate)
    {
        if (kl > desiredKl * 2.0) learningRate /= Factor;
        else if (kl < desiredKl / 2.0 && kl > 0.0) learningRate *= Factor;
        return Math.Clamp(learningRate, minLearningRate, maxLearningRate);
    }
}
