using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Tasks;

/// <summary>How the learning rate moves between updates.</summary>
public enum LearningRateSchedule
{
    /// <summary>The learning rate stays at <see cref="PpoSettings.LearningRate"/>.</summary>
    Fixed,

    /// <summary>
    /// Divided by 1.5 when the policy KL exceeds twice <see cref="PpoSettings.DesiredKl"/>, multiplied by 1.5 when below half of it.
    /// </summary>
    AdaptiveKl,
}

/// <summary>PPO hyperparameters; defaults are those of rsl_rl used by legged_gym and Isaac Lab.</summary>
public sealed record PpoSettings
{
    /// <summary>Policy steps each environment contributes to one rollout.</summary>
    public int NumStepsPerEnv { get; init; } = 24;

    /// <summary>Passes over the rollout per update.</summary>
    public int NumLearningEpochs { get; init; } = 5;

    /// <summary>Minibatches the rollout is split into per epoch (a remainder of the shuffled batch is dropped).</summary>
    public int NumMiniBatches { get; init; } = 4;

    /// <summary>Clip range of the probability ratio (and of the value change when the value loss is clipped).</summary>
    public double ClipParam { get; init; } = 0.2;

    /// <summary>Discount per policy step.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>GAE lambda.</summary>
    public double Lambda { get; init; } = 0.95;

    public double ValueLossCoef { get; init; } = 1.0;

    public bool UseClippedValueLoss { get; init; } = true;

    public double EntropyCoef { get; init; } = 0.01;

    /// <summary>
    /// Weight of a quadratic penalty on action means outside [-1, 1], the range the environment clamps actions to.
    /// Beyond it a mean no longer changes what the robot does, so the surrogate gives it no signal: it drifts out,
    /// and the action noise, now clamped away, stops exploring that joint. 0 (the rsl_rl default) leaves it out.
    /// </summary>
    public double BoundsLossCoef { get; init; }

    /// <summary>
    /// Weight of an auxiliary loss that makes the actor estimate the base's velocity: a linear head on the actor's
    /// last hidden layer regresses the simulator's forward, lateral and vertical base velocity (as the critic sees
    /// it) from what the actor observes. Only the actor's hidden layers are shared with it and exported; the head is
    /// a training aid. The real robot measures no linear velocity, so a walker otherwise infers its own speed from
    /// joint motion only as far as the tracking reward rewards it. 0 (the default) leaves the head out.
    /// </summary>
    public double VelocityEstimationCoef { get; init; }

    /// <summary>Initial Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.AdaptiveKl;

    /// <summary>Target KL divergence between the rollout policy and the updated policy (adaptive schedule).</summary>
    public double DesiredKl { get; init; } = 0.01;

    public double MinLearningRate { get; init; } = 1e-5;

    public double MaxLearningRate { get; init; } = 1e-2;

    /// <summary>Global gradient norm clip.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>The sentence a violation reads as, from code (<see cref="Validate"/>) and from a task file alike.</summary>
    public static string Describe(ConfigViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return $"PPO setting {violation.PropertyName} = {ConfigDiagnostics.Describe(violation.Value)}: expected {violation.Expected}";
    }

    /// <summary>Throws with the name and expected range of the first invalid field.</summary>
    public void Validate()
    {
        if (TaskFileSections.Ppo.Violations(this).FirstOrDefault() is { } violation)
            throw new ArgumentOutOfRangeException(violation.PropertyName, violation.Value, Describe(violation) + ".");
    }
}
