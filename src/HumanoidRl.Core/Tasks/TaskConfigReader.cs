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
    public TaskConfig? Read(YamlNode rootNode, string sourcePath, string taskDirectory)
    {
        var root = YamlMappingReader.Open(rootNode, "",
            "a mapping with task, environment, rewards, randomization, commands, ppo, policy, budget", diagnostics);
        if (root is null) return null;

        var task = root.Mapping("task", "a mapping with name and robot_config");
        var name = task?.Text("name", "the task's name");
        var robotFile = task?.Text("robot_config", "a robot config path relative to the task file");
        task?.RejectUnknownKeys();
        var robotPath = robotFile is { IsPresent: true } file ? Path.GetFullPath(Path.Combine(taskDirectory, file.Value)) : "";
        if (robotFile is { IsPresent: true } present && !File.Exists(robotPath))
            diagnostics.Add(present.Line, present.Path, "file not found", "an existing robot config", robotPath);

        var environment = ReadEnvironment(root.Mapping("environment", "a mapping with the environment settings and observation"));
        var rewards = ReadRewards(root.Optional("rewards") is { } rewardsNode
            ? YamlMappingReader.Open(rewardsNode, "rewards", "a mapping with weights", diagnostics) : null);
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
            diagnostics.Add(commandsSection!.Optional("curriculum")!.Start.Line, "commands.curriculum",
                "needs rewards.weights.linear_velocity_tracking > 0",
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
        var settings = TaskFileSections.Environment.Read(section, new EnvironmentSettings { ObservationTerms = [] }, diagnostics);
        var observation = section.Mapping("observation", "a mapping with terms (and optionally history)");
        if (observation is not null) settings = TaskFileSections.Observation.Read(observation, settings, diagnostics);
        var terms = ReadTerms(observation?.Sequence("terms", "a list of observation terms"),
            observation?.PathOf("terms") ?? "environment.observation.terms");
        observation?.RejectUnknownKeys();
        section.RejectUnknownKeys();
        return settings with { ObservationTerms = terms };
    }

    private List<ObservationTerm> ReadTerms(YamlSequenceNode? list, string path)
    {
        var terms = new List<ObservationTerm>();
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            var term = YamlMappingReader.Open(list.Children[i], $"{path}[{i}]", "a mapping with term, scale, clip, noise", diagnostics);
            if (term is null) continue;
            var kinds = $"one of {string.Join(", ", ObservationTermKind.All.Select(k => k.Name))}";
            var kindText = term.Text("term", kinds);
            var kind = kindText.IsPresent ? ObservationTermKind.All.FirstOrDefault(k => k.Name == kindText.Value) : null;
            // An entry without a known kind is dropped, so its scale, clip and noise are checked against any kind.
            var placeholder = new ObservationTerm(kind ?? ObservationTermKind.All[0]);
            var shape = TaskFileSections.ObservationTermEntry.Read(term, placeholder, diagnostics);
            term.RejectUnknownKeys();
            if (!kindText.IsPresent) continue;
            if (kind is null)
                diagnostics.Add(kindText.Line, kindText.Path, "unknown observation term", kinds, $"'{kindText.Value}'");
            else if (terms.Any(t => t.Kind == kind))
                diagnostics.Add(kindText.Line, kindText.Path, "term listed twice", "each term at most once", $"'{kindText.Value}'");
            else
                terms.Add(shape);
        }
        if (list is not null && list.Children.Count == 0)
            diagnostics.Add(list.Start.Line, path, "must not be empty", "at least one observation term");
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
                        string.Join(", ", RewardTerm.BuiltIn.Select(RewardWeights.Name)));
                    continue;
                }
                var weight = YamlValueReader.Number(value, field,
                    "a weight (penalty terms are negative by definition, so weights are >= 0)", diagnostics);
                if (weight.IsPresent) weights[term] = weight.Value;
            }
            if (!weights.TryGetValue(RewardTerm.Stability, out var stability) || !(stability > 0))
                diagnostics.Add(mapping.Start.Line, "rewards.weights.stability", "must be present and > 0",
                    "the roll/pitch stability term -(roll^2 + pitch^2) in every task");
        }
        var result = TaskFileSections.Rewards.Read(section, new RewardWeights { Weights = weights }, diagnostics) with
        {
            FootBodies = ReadFootBodies(section),
        };
        if (result.UsesFootContacts && result.FootBodies.Count == 0)
        {
            var term = result.Weight(RewardTerm.FootSlip) != 0 ? "foot_slip" : "collision";
            diagnostics.Add(section.Line, "rewards.foot_bodies", $"missing while {term} is weighted",
                "a list of the MJCF bodies that are feet, e.g. [left_foot, right_foot]");
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
            if (bodies.Contains(name.Value))
                diagnostics.Add(name.Line, name.Path, "body listed twice", "each foot body once", $"'{name.Value}'");
            else bodies.Add(name.Value);
        }
        if (list is not null && list.Children.Count == 0)
            diagnostics.Add(list.Start.Line, "rewards.foot_bodies", "must not be empty", Expected);
        return bodies;
    }

    internal RandomizationSpec ReadRandomization(YamlMappingReader? section)
    {
        if (section is null) return new RandomizationSpec();
        var spec = TaskFileSections.Randomization.Read(section, new RandomizationSpec(), diagnostics);
        section.RejectUnknownKeys();
        return spec;
    }

    internal CommandSpec ReadCommands(YamlMappingReader? section)
    {
        if (section is null) return new CommandSpec();
        var spec = TaskFileSections.Commands.Read(section, new CommandSpec(), diagnostics) with
        {
            Curriculum = section.Has("curriculum") ? ReadCurriculum(section.Mapping("curriculum", CurriculumExpected)) : null,
        };
        section.RejectUnknownKeys();
        return spec;
    }

    private const string CurriculumExpected = "a mapping with initial_fraction, step, tracking_threshold, max_fall_rate";

    private CommandCurriculumSpec? ReadCurriculum(YamlMappingReader? section)
    {
        if (section is null) return null;
        var errorsBefore = diagnostics.Errors.Count;
        var spec = TaskFileSections.Curriculum.Read(section, new CommandCurriculumSpec(0, 0, 0, 0), diagnostics);
        section.RejectUnknownKeys();
        return diagnostics.Errors.Count == errorsBefore ? spec : null;
    }

    /// <summary>
    /// Out-of-bounds PPO settings read as <see cref="PpoSettings.Validate"/> words them for settings built in code,
    /// at the section with the key's line, so both entries to the trainer say the same.
    /// </summary>
    private PpoSettings ReadPpo(YamlMappingReader? section)
    {
        if (section is null) return new PpoSettings();
        var settings = TaskFileSections.Ppo.Read(section, new PpoSettings(), diagnostics, checkRules: false);
        foreach (var violation in TaskFileSections.Ppo.Violations(settings))
            diagnostics.Add(section.LineOf(violation.Key), "ppo", PpoSettings.Describe(violation), "rsl_rl-style PPO settings");
        section.RejectUnknownKeys();
        return settings;
    }

    private ActorCriticSettings ReadPolicy(YamlMappingReader? section)
    {
        var d = new ActorCriticSettings();
        if (section is null) return d;
        var settings = TaskFileSections.Policy.Read(section, d, diagnostics) with
        {
            ActorHiddenSizes = Sizes(section, "actor_hidden_sizes", d.ActorHiddenSizes),
            CriticHiddenSizes = Sizes(section, "critic_hidden_sizes", d.CriticHiddenSizes),
        };
        section.RejectUnknownKeys();
        return settings;
    }

    private TrainingBudget ReadBudget(YamlMappingReader? section)
    {
        if (section is null) return new TrainingBudget();
        var budget = TaskFileSections.Budget.Read(section, new TrainingBudget(), diagnostics);
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
}
