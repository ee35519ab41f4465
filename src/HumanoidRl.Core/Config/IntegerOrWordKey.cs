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
    string word, Func<long> resolveWord)
    : BoundedKey<TSection, long>(key, get, (settings, value) => set(settings, value, false), help, bounds, required: false)
{
    public string Word { get; } = word;

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule) =>
        node is YamlScalarNode { Value: { } text } && text == Word
            ? set(settings, resolveWord(), true)
            : base.ReadValue(node, path, settings, diagnostics, checkRule);

    protected override Located<long> Parse(YamlNode node, string path, ConfigDiagnostics diagnostics) =>
        YamlValueReader.Integer(node, path, Help, diagnostics);
}
