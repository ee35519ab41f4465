using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>A key holding a whole number, optionally within bounds.</summary>
public sealed class IntegerKey<TSection>(
    string key, Func<TSection, long> get, Func<TSection, long, TSection> set, string help,
    ConfigBounds? bounds = null, bool required = false) : BoundedKey<TSection, long>(key, get, set, help, bounds, required)
{
    protected override Located<long> Parse(YamlNode node, string path, ConfigDiagnostics diagnostics) =>
        YamlValueReader.Integer(node, path, Help, diagnostics);
}
