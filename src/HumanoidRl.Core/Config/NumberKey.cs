using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>A key holding a finite number, optionally within bounds.</summary>
public sealed class NumberKey<TSection>(
    string key, Func<TSection, double> get, Func<TSection, double, TSection> set, string help,
    ConfigBounds? bounds = null, bool required = false) : BoundedKey<TSection, double>(key, get, set, help, bounds, required)
{
    protected override Located<double> Parse(YamlNode node, string path, ConfigDiagnostics diagnostics) =>
        YamlValueReader.Number(node, path, Help, diagnostics);
}
