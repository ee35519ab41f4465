using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>A key holding a finite number, optionally within bounds.</summary>
public sealed class NumberKey<TSection>(
    string key, Func<TSection, double> get, Func<TSection, double, TSection> set, string help,
    ConfigBounds? bounds = null, bool required = false) : ConfigKey<TSection>(key, help, required)
{
    public ConfigBounds? Bounds { get; } = bounds;

    public override ConfigViolation? Check(TSection settings)
    {
        var value = get(settings);
        return Bounds is null || Bounds.Contains(value) ? null : new ConfigViolation(Key, value, Bounds.Notation);
    }

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        var value = YamlValueReader.Number(node, path, Help, diagnostics);
        if (!value.IsPresent) return settings;
        if (checkRule && Bounds is not null)
            diagnostics.Require(value, Bounds.Contains(value.Value), Bounds.Problem, Bounds.Expected ?? Help);
        return set(settings, value.Value);
    }
}
