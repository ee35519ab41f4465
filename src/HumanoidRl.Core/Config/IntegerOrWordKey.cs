using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>
/// A key holding a whole number within bounds, or one word that stands for a value worked out when the file is read
/// (e.g. cpu_affinity: auto, the CPU chosen for this machine).
/// </summary>
/// <param name="set">Stores the value; its flag says whether the word chose it.</param>
/// <param name="resolveWord">The value the word stands for, asked once per read.</param>
public sealed class IntegerOrWordKey<TSection>(
    string key, Func<TSection, long> get, Func<TSection, long, bool, TSection> set, string help, ConfigBounds bounds,
    string word, Func<long> resolveWord) : ConfigKey<TSection>(key, help, required: false)
{
    public ConfigBounds Bounds { get; } = bounds;

    public string Word { get; } = word;

    public override ConfigViolation? Check(TSection settings)
    {
        var value = get(settings);
        return Bounds.Contains(value) ? null : new ConfigViolation(Key, value, Help);
    }

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (node is YamlScalarNode { Value: { } text } && text == Word) return set(settings, resolveWord(), true);
        var value = YamlValueReader.Integer(node, path, Help, diagnostics);
        if (!value.IsPresent) return settings;
        if (checkRule) diagnostics.Require(value, Bounds.Contains(value.Value), Bounds.Problem, Bounds.Expected ?? Help);
        return set(settings, value.Value, false);
    }
}
