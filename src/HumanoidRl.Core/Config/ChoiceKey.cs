using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>A key holding one of a fixed set of names, each standing for a value; another name is reported as "field: Problem".</summary>
/// <param name="problem">How an unknown name is reported, e.g. "unknown schedule".</param>
public sealed class ChoiceKey<TSection, TValue>(
    string key, Func<TSection, TValue> get, Func<TSection, TValue, TSection> set,
    IReadOnlyDictionary<string, TValue> choices, string problem, bool required = false)
    : ConfigKey<TSection>(key, Describe(choices), required)
{
    public IReadOnlyDictionary<string, TValue> Choices { get; } = choices;

    public override ConfigViolation? Check(TSection settings)
    {
        var value = get(settings);
        return Choices.Values.Contains(value) ? null : new ConfigViolation(Key, value, Help);
    }

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        var text = YamlValueReader.Text(node, path, Help, diagnostics);
        if (!text.IsPresent) return settings;
        if (Choices.TryGetValue(text.Value, out var value)) return set(settings, value);
        diagnostics.Add(text.Line, text.Path, problem, Help, ConfigDiagnostics.Describe(text.Value));
        return settings;
    }

    /// <summary>"a or b", "a, b or c".</summary>
    private static string Describe(IReadOnlyDictionary<string, TValue> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var names = choices.Keys.ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
    }
}
