using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>A key holding true or false.</summary>
public sealed class BooleanKey<TSection>(string key, Func<TSection, bool, TSection> set, string help = "true or false")
    : ConfigKey<TSection>(key, help, required: false)
{
    public override ConfigViolation? Check(TSection settings) => null;

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        var value = YamlValueReader.Boolean(node, path, Help, diagnostics);
        return value.IsPresent ? set(settings, value.Value) : settings;
    }
}
