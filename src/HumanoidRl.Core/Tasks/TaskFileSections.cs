using HumanoidRl.Core.Action;
using HumanoidRl.Core.Config;
using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Reward;

namespace HumanoidRl.Core.Tasks;

/// <summary>
/// The scalar keys of each section of a task file (and of an eval scenario), one table per section: key, type,
/// bounds and help text; the defaults are those of the settings records. <see cref="TaskConfigReader"/> reads the
/// sections through them; lists (observation terms, reward weights, foot bodies, layer sizes) it reads itself.
/// </summary>
public static class TaskFileSections
{
    /// <summary>environment: rates, episode length and action mapping.</summary>
    public static ConfigTable<EnvironmentSettings> Environment { get; } = new(
        new IntegerKey<EnvironmentSettings>("decimation", s => s.Decimation, (s, v) => s with { Decimation = (int)v },
            "loop ticks per policy step (>= 1)", ConfigBounds.Positive),
        new NumberKey<EnvironmentSettings>("episode_s", s => s.EpisodeS, (s, v) => s with { EpisodeS = v },
            "episode length in seconds", ConfigBounds.Positive),
        new ChoiceKey<EnvironmentSettings, ActionMode>("action_mode", s => s.ActionMode, (s, v) => s with { ActionMode = v },
            new Dictionary<string, ActionMode> { ["torque"] = ActionMode.Torque, ["pd_target"] = ActionMode.PdTarget },
            "unknown action mode"),
        new NumberKey<EnvironmentSettings>("action_scale", s => s.ActionScale, (s, v) => s with { ActionScale = v },
            "a positive scale", ConfigBounds.Positive),
        new NumberKey<EnvironmentSettings>("initial_joint_noise_rad", s => s.InitialJointNoiseRad,
            (s, v) => s with { InitialJointNoiseRad = v },
            "radians >= 0"),
        new NumberKey<EnvironmentSettings>("phase_period_s", s => s.PhasePeriodS, (s, v) => s with { PhasePeriodS = v },
            "a positive period in seconds", ConfigBounds.Positive));

    /// <summary>environment.observation: its scalar keys (the terms are a list).</summary>
    public static ConfigTable<EnvironmentSettings> Observation { get; } = new(
        new IntegerKey<EnvironmentSettings>("history", s => s.ObservationHistory, (s, v) => s with { ObservationHistory = (int)v },
            "frames stacked (>= 1)", ConfigBounds.Positive));

    /// <summary>environment.observation.terms[i]: how a term is scaled, clipped and noised (term names it).</summary>
    public static ConfigTable<ObservationTerm> ObservationTermEntry { get; } = new(
        new NumberKey<ObservationTerm>("scale", s => s.Scale, (s, v) => s with { Scale = v }, "a number"),
        new NumberKey<ObservationTerm>("clip", s => s.Clip, (s, v) => s with { Clip = v }, "a positive clip"),
        new NumberKey<ObservationTerm>("noise", s => s.NoiseAmplitude, (s, v) => s with { NoiseAmplitude = v },
            "a uniform noise amplitude >= 0 (scaled units)"));

    /// <summary>rewards: the shape parameters of the terms (the weights are a mapping by term).</summary>
    public static ConfigTable<RewardWeights> Rewards { get; } = new(
        new NumberKey<RewardWeights>("base_height_target_m", s => s.BaseHeightTargetM, (s, v) => s with { BaseHeightTargetM = v },
            "metres"),
        new NumberKey<RewardWeights>("tracking_sigma", s => s.TrackingSigma, (s, v) => s with { TrackingSigma = v },
            "a positive kernel width", ConfigBounds.Positive),
        new NumberKey<RewardWeights>("feet_air_time_target_s", s => s.FeetAirTimeTargetS, (s, v) => s with { FeetAirTimeTargetS = v },
            "seconds"),
        new NumberKey<RewardWeights>("soft_limit_fraction", s => s.SoftLimitFraction, (s, v) => s with { SoftLimitFraction = v },
            "a fraction in (0, 1]"));

    /// <summary>randomization: the ranges resampled at every reset.</summary>
    public static ConfigTable<RandomizationSpec> Randomization { get; } = new(
        new RangeKey<RandomizationSpec>("link_mass_scale", s => s.LinkMassScale, (s, v) => s with { LinkMassScale = v }, min: 0.01),
        new RangeKey<RandomizationSpec>("payload_kg", s => s.PayloadKg, (s, v) => s with { PayloadKg = v }),
        new RangeKey<RandomizationSpec>("friction", s => s.Friction, (s, v) => s with { Friction = v }, min: 0.0),
        new RangeKey<RandomizationSpec>("motor_strength_scale", s => s.MotorStrengthScale, (s, v) => s with { MotorStrengthScale = v },
            min: 0.0),
        new RangeKey<RandomizationSpec>("action_delay_ticks", s => s.ActionDelayTicks, (s, v) => s with { ActionDelayTicks = v },
            min: 0, max: 20, integers: true),
        new RangeKey<RandomizationSpec>("observation_delay_ticks", s => s.ObservationDelayTicks,
            (s, v) => s with { ObservationDelayTicks = v },
            min: 0, max: 20, integers: true),
        new RangeKey<RandomizationSpec>("joint_damping_scale", s => s.JointDampingScale, (s, v) => s with { JointDampingScale = v },
            min: 0.0),
        new RangeKey<RandomizationSpec>("armature_scale", s => s.ArmatureScale, (s, v) => s with { ArmatureScale = v }, min: 0.0),
        new RangeKey<RandomizationSpec>("pd_gain_scale", s => s.PdGainScale, (s, v) => s with { PdGainScale = v }, min: 0.0),
        new BooleanKey<RandomizationSpec>("observation_noise", (s, v) => s with { ObservationNoise = v }),
        new RangeKey<RandomizationSpec>("push_interval_s", s => s.PushIntervalS, (s, v) => s with { PushIntervalS = v }, min: 0.0),
        new RangeKey<RandomizationSpec>("push_velocity_m_per_s", s => s.PushVelocityMPerS, (s, v) => s with { PushVelocityMPerS = v },
            min: 0.0),
        new NumberKey<RandomizationSpec>("push_duration_s", s => s.PushDurationS, (s, v) => s with { PushDurationS = v },
            "seconds > 0", ConfigBounds.Positive));

    /// <summary>commands: the velocity command ranges and how often they are drawn (the curriculum is a mapping).</summary>
    public static ConfigTable<CommandSpec> Commands { get; } = new(
        new RangeKey<CommandSpec>("forward_m_per_s", s => s.ForwardMPerS, (s, v) => s with { ForwardMPerS = v }),
        new RangeKey<CommandSpec>("lateral_m_per_s", s => s.LateralMPerS, (s, v) => s with { LateralMPerS = v }),
        new RangeKey<CommandSpec>("yaw_rate_rad_per_s", s => s.YawRateRadPerS, (s, v) => s with { YawRateRadPerS = v }),
        new NumberKey<CommandSpec>("zero_fraction", s => s.ZeroFraction, (s, v) => s with { ZeroFraction = v }, "a fraction in [0, 1]"),
        new NumberKey<CommandSpec>("resample_interval_s", s => s.ResampleIntervalS, (s, v) => s with { ResampleIntervalS = v },
            "seconds >= 0 (0: once per episode)"));

    private static readonly ConfigBounds UpToOne = new(0, 1, MinIncluded: false) { Expected = "a fraction in (0, 1]" };

    /// <summary>commands.curriculum: every key required.</summary>
    public static ConfigTable<CommandCurriculumSpec> Curriculum { get; } = new(
        new NumberKey<CommandCurriculumSpec>("initial_fraction", s => s.InitialFraction, (s, v) => s with { InitialFraction = v },
            "the fraction of the command ranges to start from, in (0, 1]", UpToOne, required: true),
        new NumberKey<CommandCurriculumSpec>("step", s => s.Step, (s, v) => s with { Step = v },
            "the fraction added to the ranges per widening, in (0, 1]", UpToOne, required: true),
        new NumberKey<CommandCurriculumSpec>("tracking_threshold", s => s.TrackingThreshold, (s, v) => s with { TrackingThreshold = v },
            "the fraction of the tracking weight per survived second that finished episodes must beat, in (0, 1)",
            new ConfigBounds(0, 1, MinIncluded: false, MaxIncluded: false) { Expected = "a fraction in (0, 1)" }, required: true),
        new NumberKey<CommandCurriculumSpec>("max_fall_rate", s => s.MaxFallRate, (s, v) => s with { MaxFallRate = v },
            "the largest fraction of finished episodes that may have fallen, in (0, 1]", UpToOne, required: true));

    /// <summary>policy: the actor-critic's scalar keys (the layer sizes are lists).</summary>
    public static ConfigTable<ActorCriticSettings> Policy { get; } = new(
        new NumberKey<ActorCriticSettings>("initial_action_std", s => s.InitialActionStd, (s, v) => s with { InitialActionStd = v },
            "> 0", ConfigBounds.Positive));

    /// <summary>budget: the default size of a training run.</summary>
    public static ConfigTable<TrainingBudget> Budget { get; } = new(
        new IntegerKey<TrainingBudget>("environments", s => s.Environments, (s, v) => s with { Environments = (int)v },
            "parallel environments (>= 1)", ConfigBounds.Positive),
        new IntegerKey<TrainingBudget>("iterations", s => s.Iterations, (s, v) => s with { Iterations = (int)v },
            "PPO iterations (>= 1)", ConfigBounds.Positive));

    /// <summary>ppo: the PPO hyperparameters (<see cref="PpoSettings.Validate"/> checks code-built settings against it).</summary>
    public static ConfigTable<PpoSettings> Ppo { get; } = new(
        new IntegerKey<PpoSettings>("num_steps_per_env", s => s.NumStepsPerEnv, (s, v) => s with { NumStepsPerEnv = (int)v },
            "policy steps per env per iteration (>= 1)", ConfigBounds.AtLeast(1)),
        new IntegerKey<PpoSettings>("num_learning_epochs", s => s.NumLearningEpochs, (s, v) => s with { NumLearningEpochs = (int)v },
            "epochs per update (>= 1)", ConfigBounds.AtLeast(1)),
        new IntegerKey<PpoSettings>("num_mini_batches", s => s.NumMiniBatches, (s, v) => s with { NumMiniBatches = (int)v },
            "minibatches per epoch (>= 1)", ConfigBounds.AtLeast(1)),
        new NumberKey<PpoSettings>("clip_param", s => s.ClipParam, (s, v) => s with { ClipParam = v },
            "the probability ratio's clip range (> 0)", ConfigBounds.Above(0)),
        new NumberKey<PpoSettings>("gamma", s => s.Gamma, (s, v) => s with { Gamma = v },
            "the discount per policy step, in (0, 1]", new ConfigBounds(0, 1, MinIncluded: false)),
        new NumberKey<PpoSettings>("lambda", s => s.Lambda, (s, v) => s with { Lambda = v },
            "the GAE lambda, in [0, 1]", new ConfigBounds(0, 1)),
        new NumberKey<PpoSettings>("value_loss_coef", s => s.ValueLossCoef, (s, v) => s with { ValueLossCoef = v },
            "the value loss weight (>= 0)", ConfigBounds.AtLeast(0)),
        new BooleanKey<PpoSettings>("use_clipped_value_loss", (s, v) => s with { UseClippedValueLoss = v }),
        new NumberKey<PpoSettings>("entropy_coef", s => s.EntropyCoef, (s, v) => s with { EntropyCoef = v },
            "the entropy bonus weight (>= 0)", ConfigBounds.AtLeast(0)),
        new NumberKey<PpoSettings>("bounds_loss_coef", s => s.BoundsLossCoef, (s, v) => s with { BoundsLossCoef = v },
            "the weight of the penalty on action means outside [-1, 1] (>= 0)", ConfigBounds.AtLeast(0)),
        new NumberKey<PpoSettings>("velocity_estimation_coef", s => s.VelocityEstimationCoef,
            (s, v) => s with { VelocityEstimationCoef = v },
            "the weight of the actor's base velocity estimation loss (>= 0)", ConfigBounds.AtLeast(0)),
        new NumberKey<PpoSettings>("learning_rate", s => s.LearningRate, (s, v) => s with { LearningRate = v },
            "the initial Adam learning rate (> 0)", ConfigBounds.Above(0)),
        new ChoiceKey<PpoSettings, LearningRateSchedule>("schedule", s => s.Schedule, (s, v) => s with { Schedule = v },
            new Dictionary<string, LearningRateSchedule>
            {
                ["fixed"] = LearningRateSchedule.Fixed,
                ["adaptive_kl"] = LearningRateSchedule.AdaptiveKl,
            },
            "unknown schedule"),
        new NumberKey<PpoSettings>("desired_kl", s => s.DesiredKl, (s, v) => s with { DesiredKl = v },
            "the target KL of the adaptive schedule (> 0)", ConfigBounds.Above(0)),
        new NumberKey<PpoSettings>("min_learning_rate", s => s.MinLearningRate, (s, v) => s with { MinLearningRate = v },
            "the adaptive schedule's lowest learning rate (> 0)", ConfigBounds.Above(0)),
        new NumberKey<PpoSettings>("max_learning_rate", s => s.MaxLearningRate, (s, v) => s with { MaxLearningRate = v },
            "the adaptive schedule's highest learning rate (>= min_learning_rate)"),
        new NumberKey<PpoSettings>("max_grad_norm", s => s.MaxGradNorm, (s, v) => s with { MaxGradNorm = v },
            "the global gradient norm clip (> 0)", ConfigBounds.Above(0)))
    {
        Rules =
        [
            s => s.MaxLearningRate >= s.MinLearningRate
                ? null
                : new ConfigViolation(
                    "max_learning_rate", s.MaxLearningRate, $">= {nameof(PpoSettings.MinLearningRate)} ({s.MinLearningRate})"),
        ],
    };
}
