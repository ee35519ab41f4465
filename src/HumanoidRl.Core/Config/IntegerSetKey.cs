using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>
/// A key holding a whole number out of a fixed set (a device's supported rates), another number reported as
/// "field: Problem (expected help, got value)".
/// </summary>
public sealed class IntegerSetKey<TSection>(
    string key, Func<TSection, long> get, Func<TSection, long, TSection> set, string help,
    IReadOnlyCollection<long> allowed, string problem, bool required = false) : ConfigKey<TSection>(key, help, required)
{
    public IReadOnlyCollection<long> Allowed { get; } = allowed;

    public override ConfigViolation? Check(TSection settings)
    {
        var value = get(settings);
        return Allowed.Contains(value) ? null : new ConfigViolation(Key, value, Help);
    }

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var value = YamlValueReader.Integer(node, path, Help, diagnostics);
        if (!value.IsPresent) return settings;
        if (checkRule) diagnostics.Require(value, Allowed.Contains(value.Value), problem, Help);
        return set(settings, value.Value);
    }
}
