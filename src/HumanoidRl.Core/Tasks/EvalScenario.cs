using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Tasks;

/// <summary>
/// An evaluation scenario: the episode length and the randomization (pushes included) and commands under
/// which a policy is judged. Sections present in the file replace the task's sections whole.
/// </summary>
public sealed record EvalScenario(string SourcePath, string Name, double? EpisodeS, RandomizationSpec? Randomization, CommandSpec? Commands)
{
    /// <summary>The task with this scenario's sections in place of its own.</summary>
    public TaskConfig ApplyTo(TaskConfig task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task with
        {
            Environment = EpisodeS is { } seconds ? task.Environment with { EpisodeS = seconds } : task.Environment,
            Randomization = Randomization ?? task.Randomization,
            Commands = Commands ?? task.Commands,
        };
    }

    /// <summary>Loads a scenario file; problems are reported as file:line: field: problem (expected ...).</summary>
    public static EvalScenario Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"{path}: scenario file not found (looked at {fullPath}).", fullPath);
        var diagnostics = new ConfigDiagnostics(path);
        var rootNode = ConfigYaml.Parse(File.ReadAllText(fullPath), diagnostics,
            "a mapping with name and optionally episode_s, randomization, commands");
        EvalScenario? scenario = null;
        if (rootNode is not null
            && YamlMappingReader.Open(rootNode, "", "a mapping with name, episode_s, randomization, commands", diagnostics) is { } root)
        {
            var reader = new TaskConfigReader(diagnostics);
            var name = root.Text("name", "the scenario's name");
            // episode_s is the task's environment.episode_s key, so it keeps that key's type and bounds.
            double? episodeS = root.Has("episode_s")
                ? TaskFileSections.Environment["episode_s"]
                    .Read(root, new EnvironmentSettings { ObservationTerms = [] }, diagnostics).EpisodeS
                : null;
            var randomizationSection = reader.Section(root, "randomization");
            var commandsSection = reader.Section(root, "commands");
            if (commandsSection?.Optional("curriculum") is { } curriculum)
                diagnostics.Add(curriculum.Start.Line, "commands.curriculum", "not used in evaluation",
                    "no curriculum: evaluation samples the full command ranges");
            scenario = new EvalScenario(path, name.Value ?? "", episodeS,
                randomizationSection is null ? null : reader.ReadRandomization(randomizationSection),
                commandsSection is null ? null : reader.ReadCommands(commandsSection));
            root.RejectUnknownKeys();
        }
        if (scenario is null || diagnostics.HasErrors) throw new TaskConfigException(path, diagnostics.Errors);
        return scenario;
    }
}
