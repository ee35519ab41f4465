using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>A key holding a non-empty text, optionally one a rule accepts (reported as "field: Problem").</summary>
public sealed class TextKey<TSection>(
    string key, Func<TSection, string> get, Func<TSection, string, TSection> set, string help,
    bool required = false, Func<string, bool>? isValid = null, string problem = "not accepted") : ConfigKey<TSection>(key, help, required)
{
    public override ConfigViolation? Check(TSection settings)
    {
        var value = get(settings);
        return isValid is null || isValid(value) ? null : new ConfigViolation(Key, value, Help);
    }

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        var value = YamlValueReader.Text(node, path, Help, diagnostics);
        if (!value.IsPresent) return settings;
        if (checkRule && isValid is not null) diagnostics.Require(value, isValid(value.Value), problem, Help);
        return set(settings, value.Value);
    }
}
