using HumanoidRl.Core.Action;
using HumanoidRl.Core.Config;
using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Reward;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Tasks;

/// <summary>
/// Turns a parsed task file into a <see cref="TaskConfig"/>, reporting every problem with its line. Every key
/// except task.name and task.robot_config and the observation terms is optional and defaults to the
/// rsl_rl/legged_gym value.
/// </summary>
internal sealed class TaskConfigReader(ConfigDiagnostics diagnostics)
{
    private const string RangeExpected = "a number or a [min, max] list of numbers";

    public TaskConfig? Read(YamlNode rootNode, string sourcePath, string taskDirectory)
    {
        var root = YamlMappingReader.Open(rootNode, "", "a mapping with task, environment, rewards, randomization, commands, ppo, policy, budget", diagnostics);
        if (root is null) return null;

        var task = root.Mapping("task", "a mapping with name and robot_config");
        var name = task?.Text("name", "the task's name");
        var robotFile = task?.Text("robot_config", "a robot config path relative to the task file");
        task?.RejectUnknownKeys();
        var robotPath = robotFile is { IsPresent: true } file ? Path.GetFullPath(Path.Combine(taskDirectory, file.Value)) : "";
        if (robotFile is { IsPresent: true } present && !File.Exists(robotPath))
            diagnostics.Add(present.Line, present.Path, "file not found", "an existing robot config", robotPath);

        var environment = ReadEnvironment(root.Mapping("environment", "a mapping with the environment settings and observation"));
        var rewards = ReadRewards(root.Optional("rewards") is { } rewardsNode ? YamlMappingReader.Open(rewardsNode, "rewards", "a mapping with weights", diagnostics) : null);
        var randomization = ReadRandomization(Section(root, "randomization"));
        var commandsSection = Section(root, "commands");
        var commands = ReadCommands(commandsSection);
        var ppo = ReadPpo(Section(root, "ppo"));
        var policy = ReadPolicy(Section(root, "policy"));
        var budget = ReadBudget(Section(root, "budget"));
        root.RejectUnknownKeys();
        if (environment is null || rewards is null) return null;
        if (commands.Curriculum is not null && !(rewards.Weight(RewardTerm.LinearVelocityTracking) > 0))
        {
            diagnostics.Add(commandsSection!.Optional("curriculum")!.Start.Line, "commands.curriculum", "needs rewards.weights.linear_velocity_tracking > 0",
                "a task that rewards linear velocity tracking (the curriculum widens the ranges on that reward)");
        }

        return new TaskConfig
        {
            SourcePath = sourcePath,
            Name = name?.Value ?? "",
            RobotConfigPath = robotPath,
            Environment = environment,
            Rewards = rewards,
            Randomization = randomization,
            Commands = commands,
            Ppo = ppo,
            Policy = policy,
            Budget = budget,
        };
    }

    internal YamlMappingReader? Section(YamlMappingReader root, string key) =>
        root.Optional(key) is { } node ? YamlMappingReader.Open(node, key, $"a mapping of {key} settings", diagnostics) : null;

    private EnvironmentSettings? ReadEnvironment(YamlMappingReader? section)
    {
        if (section is null) return null;
        var defaults = new EnvironmentSettings { ObservationTerms = [] };
        var decimation = (int)section.OptionalInteger("decimation", defaults.Decimation, "loop ticks per policy step (>= 1)");
        Positive(section, "decimation", decimation);
        var episodeS = section.OptionalNumber("episode_s", defaults.EpisodeS, "episode length in seconds");
        Positive(section, "episode_s", episodeS);
        var mode = defaults.ActionMode;
        if (section.Has("action_mode"))
        {
            var text = section.Text("action_mode", "torque or pd_target");
            if (text.IsPresent)
            {
                try
                {
                    mode = PolicyContract.ParseActionMode(text.Value);
                }
                catch (FormatException)
                {
                    diagnostics.Add(text.Line, text.Path, "unknown action mode", "torque or pd_target", $"'{text.Value}'");
                }
            }
        }
        var actionScale = section.OptionalNumber("action_scale", defaults.ActionScale, "a positive scale");
        Positive(section, "action_scale", actionScale);
        var jointNoise = section.OptionalNumber("initial_joint_noise_rad", defaults.InitialJointNoiseRad, "radians >= 0");
        var phasePeriod = section.OptionalNumber("phase_period_s", defaults.PhasePeriodS, "a positive period in seconds");
        Positive(section, "phase_period_s", phasePeriod);

        var observation = section.Mapping("observation", "a mapping with terms (and optionally history)");
        var history = (int)(observation?.OptionalInteger("history", 1, "frames stacked (>= 1)") ?? 1);
        if (observation is not null) Positive(observation, "history", history);
        var terms = ReadTerms(observation?.Sequence("terms", "a list of observation terms"), observation?.PathOf("terms") ?? "environment.observation.terms");
        observation?.RejectUnknownKeys();
        section.RejectUnknownKeys();
        return new EnvironmentSettings
        {
            Decimation = decimation,
            EpisodeS = episodeS,
            ActionMode = mode,
            ActionScale = actionScale,
            InitialJointNoiseRad = jointNoise,
            PhasePeriodS = phasePeriod,
            ObservationHistory = history,
            ObservationTerms = terms,
        };
    }

    private List<ObservationTerm> ReadTerms(YamlSequenceNode? list, string path)
    {
        var terms = new List<ObservationTerm>();
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            var term = YamlMappingReader.Open(list.Children[i], $"{path}[{i}]", "a mapping with term, scale, clip, noise", diagnostics);
            if (term is null) continue;
            var kindText = term.Text("term", "one of gyro, projected_gravity, roll_pitch, joint_positions, joint_velocities, last_action, command, phase_clock");
            var scale = term.OptionalNumber("scale", 1.0, "a number");
            var clip = term.OptionalNumber("clip", 100.0, "a positive clip");
            var noise = term.OptionalNumber("noise", 0.0, "a uniform noise amplitude >= 0 (scaled units)");
            term.RejectUnknownKeys();
            if (!kindText.IsPresent) continue;
            try
            {
                var kind = ObservationTerm.ParseKind(kindText.Value);
                if (terms.Any(t => t.Kind == kind))
                    diagnostics.Add(kindText.Line, kindText.Path, "term listed twice", "each term at most once", $"'{kindText.Value}'");
                else
                    terms.Add(new ObservationTerm(kind, scale, clip, noise));
            }
            catch (FormatException error)
            {
                diagnostics.Add(kindText.Line, kindText.Path, "unknown observation term", error.Message, $"'{kindText.Value}'");
            }
        }
        if (list is not null && list.Children.Count == 0) diagnostics.Add(list.Start.Line, path, "must not be empty", "at least one observation term");
        return terms;
    }

    private RewardWeights? ReadRewards(YamlMappingReader? section)
    {
        if (section is null)
        {
            diagnostics.Add(1, "rewards", "missing required key", "a mapping with weights (stability is always present)");
            return null;
        }
        var weights = new Dictionary<RewardTerm, double>();
        var weightsNode = section.Mapping("weights", "a mapping from reward term to weight per second");
        if (weightsNode is not null && section.Optional("weights") is YamlMappingNode mapping)
        {
            foreach (var (key, value) in mapping.Children)
            {
                var termName = (key as YamlScalarNode)?.Value ?? "";
                var field = $"rewards.weights.{termName}";
                if (!RewardWeights.TryParse(termName, out var term))
                {
                    diagnostics.Add(key.Start.Line, field, "unknown reward term",
                        string.Join(", ", Enum.GetValues<RewardTerm>().Select(RewardWeights.Name)));
                    continue;
                }
                var weight = YamlValueReader.Number(value, field, "a weight (penalty terms are negative by definition, so weights are >= 0)", diagnostics);
                if (weight.IsPresent) weights[term] = weight.Value;
            }
            if (!weights.TryGetValue(RewardTerm.Stability, out var stability) || !(stability > 0))
                diagnostics.Add(mapping.Start.Line, "rewards.weights.stability", "must be present and > 0", "the roll/pitch stability term -(roll^2 + pitch^2) in every task");
        }
        var defaults = new RewardWeights { Weights = weights };
        var result = defaults with
        {
            BaseHeightTargetM = section.OptionalNumber("base_height_target_m", defaults.BaseHeightTargetM, "metres"),
            TrackingSigma = section.OptionalNumber("tracking_sigma", defaults.TrackingSigma, "a positive kernel width"),
            FeetAirTimeTargetS = section.OptionalNumber("feet_air_time_target_s", defaults.FeetAirTimeTargetS, "seconds"),
            SoftLimitFraction = section.OptionalNumber("soft_limit_fraction", defaults.SoftLimitFraction, "a fraction in (0, 1]"),
            FootBodies = ReadFootBodies(section),
        };
        Positive(section, "tracking_sigma", result.TrackingSigma);
        if (result.UsesFootContacts && result.FootBodies.Count == 0)
        {
            var term = result.Weight(RewardTerm.FootSlip) != 0 ? "foot_slip" : "collision";
            diagnostics.Add(section.Line, "rewards.foot_bodies", $"missing while {term} is weighted", "a list of the MJCF bodies that are feet, e.g. [left_foot, right_foot]");
        }
        section.RejectUnknownKeys();
        return result;
    }

    private List<string> ReadFootBodies(YamlMappingReader section)
    {
        const string Expected = "a list of the MJCF bodies that are feet";
        var bodies = new List<string>();
        if (!section.Has("foot_bodies")) return bodies;
        var list = section.Sequence("foot_bodies", Expected);
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            var name = YamlValueReader.Text(list.Children[i], $"rewards.foot_bodies[{i}]", "an MJCF body name", diagnostics);
            if (!name.IsPresent) continue;
            if (bodies.Contains(name.Value)) diagnostics.Add(name.Line, name.Path, "body listed twice", "each foot body once", $"'{name.Value}'");
            else bodies.Add(name.Value);
        }
        if (list is not null && list.Children.Count == 0) diagnostics.Add(list.Start.Line, "rewards.foot_bodies", "must not be empty", Expected);
        return bodies;
    }

    internal RandomizationSpec ReadRandomization(YamlMappingReader? section)
    {
        var defaults = new RandomizationSpec();
        if (section is null) return defaults;
        var spec = new RandomizationSpec
        {
            LinkMassScale = Range(section, "link_mass_scale", defaults.LinkMassScale, min: 0.01),
            PayloadKg = Range(section, "payload_kg", defaults.PayloadKg),
            Friction = Range(section, "friction", defaults.Friction, min: 0.0),
            MotorStrengthScale = Range(section, "motor_strength_scale", defaults.MotorStrengthScale, min: 0.0),
            ActionDelayTicks = Range(section, "action_delay_ticks", defaults.ActionDelayTicks, min: 0, max: 20, integers: true),
            ObservationDelayTicks = Range(section, "observation_delay_ticks", defaults.ObservationDelayTicks, min: 0, max: 20, integers: true),
            JointDampingScale = Range(section, "joint_damping_scale", defaults.JointDampingScale, min: 0.0),
            ArmatureScale = Range(section, "armature_scale", defaults.ArmatureScale, min: 0.0),
            PdGainScale = Range(section, "pd_gain_scale", defaults.PdGainScale, min: 0.0),
            ObservationNoise = Boolean(section, "observation_noise", defaults.ObservationNoise),
            PushIntervalS = Range(section, "push_interval_s", defaults.PushIntervalS, min: 0.0),
            PushVelocityMPerS = Range(section, "push_velocity_m_per_s", defaults.PushVelocityMPerS, min: 0.0),
            PushDurationS = section.OptionalNumber("push_duration_s", defaults.PushDurationS, "seconds > 0"),
        };
        Positive(section, "push_duration_s", spec.PushDurationS);
        section.RejectUnknownKeys();
        return spec;
    }

    internal CommandSpec ReadCommands(YamlMappingReader? section)
    {
        var defaults = new CommandSpec();
        if (section is null) return defaults;
        var spec = new CommandSpec
        {
            ForwardMPerS = Range(section, "forward_m_per_s", defaults.ForwardMPerS),
            LateralMPerS = Range(section, "lateral_m_per_s", defaults.LateralMPerS),
            YawRateRadPerS = Range(section, "yaw_rate_rad_per_s", defaults.YawRateRadPerS),
            ZeroFraction = section.OptionalNumber("zero_fraction", defaults.ZeroFraction, "a fraction in [0, 1]"),
            ResampleIntervalS = section.OptionalNumber("resample_interval_s", defaults.ResampleIntervalS, "seconds >= 0 (0: once per episode)"),
            Curriculum = section.Has("curriculum") ? ReadCurriculum(section.Mapping("curriculum", CurriculumExpected)) : null,
        };
        section.RejectUnknownKeys();
        return spec;
    }

    private const string CurriculumExpected = "a mapping with initial_fraction, step, tracking_threshold, max_fall_rate";

    private CommandCurriculumSpec? ReadCurriculum(YamlMappingReader? section)
    {
        if (section is null) return null;
        var initial = section.Number("initial_fraction", "the fraction of the command ranges to start from, in (0, 1]");
        diagnostics.Require(initial, initial.Value is > 0 and <= 1, "out of range", "a fraction in (0, 1]");
        var step = section.Number("step", "the fraction added to the ranges per widening, in (0, 1]");
        diagnostics.Require(step, step.Value is > 0 and <= 1, "out of range", "a fraction in (0, 1]");
        var threshold = section.Number("tracking_threshold", "the fraction of the tracking weight per survived second that finished episodes must beat, in (0, 1)");
        diagnostics.Require(threshold, threshold.Value is > 0 and < 1, "out of range", "a fraction in (0, 1)");
        var maxFallRate = section.Number("max_fall_rate", "the largest fraction of finished episodes that may have fallen, in (0, 1]");
        diagnostics.Require(maxFallRate, maxFallRate.Value is > 0 and <= 1, "out of range", "a fraction in (0, 1]");
        section.RejectUnknownKeys();
        return initial.IsPresent && step.IsPresent && threshold.IsPresent && maxFallRate.IsPresent
            ? new CommandCurriculumSpec(initial.Value, step.Value, threshold.Value, maxFallRate.Value)
            : null;
    }

    private PpoSettings ReadPpo(YamlMappingReader? section)
    {
        var d = new PpoSettings();
        if (section is null) return d;
        var schedule = d.Schedule;
        if (section.Has("schedule"))
        {
            var text = section.Text("schedule", "fixed or adaptive_kl");
            if (text.IsPresent)
            {
                if (text.Value == "fixed") schedule = LearningRateSchedule.Fixed;
                else if (text.Value == "adaptive_kl") schedule = LearningRateSchedule.AdaptiveKl;
                else diagnostics.Add(text.Line, text.Path, "unknown schedule", "fixed or adaptive_kl", $"'{text.Value}'");
            }
        }
        var settings = new PpoSettings
        {
            NumStepsPerEnv = (int)section.OptionalInteger("num_steps_per_env", d.NumStepsPerEnv, "policy steps per env per iteration (>= 1)"),
            NumLearningEpochs = (int)section.OptionalInteger("num_learning_epochs", d.NumLearningEpochs, "epochs per update (>= 1)"),
            NumMiniBatches = (int)section.OptionalInteger("num_mini_batches", d.NumMiniBatches, "minibatches per epoch (>= 1)"),
            ClipParam = section.OptionalNumber("clip_param", d.ClipParam, "> 0"),
            Gamma = section.OptionalNumber("gamma", d.Gamma, "in (0, 1]"),
            Lambda = section.OptionalNumber("lambda", d.Lambda, "in [0, 1]"),
            ValueLossCoef = section.OptionalNumber("value_loss_coef", d.ValueLossCoef, ">= 0"),
            UseClippedValueLoss = Boolean(section, "use_clipped_value_loss", d.UseClippedValueLoss),
            EntropyCoef = section.OptionalNumber("entropy_coef", d.EntropyCoef, ">= 0"),
            BoundsLossCoef = section.OptionalNumber("bounds_loss_coef", d.BoundsLossCoef, ">= 0"),
            VelocityEstimationCoef = section.OptionalNumber("velocity_estimation_coef", d.VelocityEstimationCoef, ">= 0"),
            LearningRate = section.OptionalNumber("learning_rate", d.LearningRate, "> 0"),
            Schedule = schedule,
            DesiredKl = section.OptionalNumber("desired_kl", d.DesiredKl, "> 0"),
            MinLearningRate = section.OptionalNumber("min_learning_rate", d.MinLearningRate, "> 0"),
            MaxLearningRate = section.OptionalNumber("max_learning_rate", d.MaxLearningRate, ">= min_learning_rate"),
            MaxGradNorm = section.OptionalNumber("max_grad_norm", d.MaxGradNorm, "> 0"),
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException error)
        {
            diagnostics.Add(section.Line, "ppo", error.Message.Split(" (Parameter")[0], "rsl_rl-style PPO settings");
        }
        section.RejectUnknownKeys();
        return settings;
    }

    private ActorCriticSettings ReadPolicy(YamlMappingReader? section)
    {
        var d = new ActorCriticSettings();
        if (section is null) return d;
        var settings = new ActorCriticSettings
        {
            ActorHiddenSizes = Sizes(section, "actor_hidden_sizes", d.ActorHiddenSizes),
            CriticHiddenSizes = Sizes(section, "critic_hidden_sizes", d.CriticHiddenSizes),
            InitialActionStd = section.OptionalNumber("initial_action_std", d.InitialActionStd, "> 0"),
        };
        Positive(section, "initial_action_std", settings.InitialActionStd);
        section.RejectUnknownKeys();
        return settings;
    }

    private TrainingBudget ReadBudget(YamlMappingReader? section)
    {
        var d = new TrainingBudget();
        if (section is null) return d;
        var budget = new TrainingBudget(
            (int)section.OptionalInteger("environments", d.Environments, "parallel environments (>= 1)"),
            (int)section.OptionalInteger("iterations", d.Iterations, "PPO iterations (>= 1)"));
        Positive(section, "environments", budget.Environments);
        Positive(section, "iterations", budget.Iterations);
        section.RejectUnknownKeys();
        return budget;
    }

    private List<int> Sizes(YamlMappingReader section, string key, IReadOnlyList<int> fallback)
    {
        if (!section.Has(key)) return [.. fallback];
        var list = section.Sequence(key, "a list of hidden layer sizes");
        var sizes = new List<int>();
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            var size = YamlValueReader.Integer(list.Children[i], $"{section.PathOf(key)}[{i}]", "a layer size >= 1", diagnostics);
            diagnostics.Require(size, size.Value >= 1, "must be >= 1", "a layer size >= 1");
            if (size.IsPresent) sizes.Add((int)size.Value);
        }
        return sizes;
    }

    private UniformRange Range(YamlMappingReader section, string key, UniformRange fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool integers = false)
    {
        var node = section.Optional(key);
        if (node is null) return fallback;
        var path = section.PathOf(key);
        double low, high;
        if (node is YamlSequenceNode list)
        {
            if (list.Children.Count != 2)
            {
                diagnostics.Add(node.Start.Line, path, "must have exactly 2 entries", RangeExpected, $"{list.Children.Count} entries");
                return fallback;
            }
            var lowValue = YamlValueReader.Number(list.Children[0], $"{path}[0]", "a number", diagnostics);
            var highValue = YamlValueReader.Number(list.Children[1], $"{path}[1]", "a number", diagnostics);
            if (!lowValue.IsPresent || !highValue.IsPresent) return fallback;
            (low, high) = (lowValue.Value, highValue.Value);
        }
        else
        {
            var value = YamlValueReader.Number(node, path, RangeExpected, diagnostics);
            if (!value.IsPresent) return fallback;
            low = high = value.Value;
        }
        var bounds = double.IsInfinity(max) ? $"values >= {min}" : $"values in [{min}, {max}]";
        if (low > high) diagnostics.Add(node.Start.Line, path, "min is greater than max", "[min, max] with min <= max", $"[{low}, {high}]");
        else if (low < min || high > max) diagnostics.Add(node.Start.Line, path, "out of range", bounds, $"[{low}, {high}]");
        else if (integers && (low != Math.Floor(low) || high != Math.Floor(high)))
            diagnostics.Add(node.Start.Line, path, "must be whole numbers", "whole loop ticks", $"[{low}, {high}]");
        return new UniformRange(low, high);
    }

    private bool Boolean(YamlMappingReader section, string key, bool fallback)
    {
        var node = section.Optional(key);
        if (node is null) return fallback;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar) return scalar.Value == "true";
        diagnostics.Add(node.Start.Line, section.PathOf(key), "must be true or false", "true or false", YamlValueReader.KindOf(node));
        return fallback;
    }

    private void Positive(YamlMappingReader section, string key, double value)
    {
        if (value > 0) return;
        var line = section.Optional(key)?.Start.Line ?? section.Line;
        diagnostics.Add(line, section.PathOf(key), "must be > 0", "a positive value", ConfigDiagnostics.Describe(value));
    }
}
