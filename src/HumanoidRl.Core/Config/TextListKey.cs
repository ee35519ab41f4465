using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>A key holding a list of non-empty texts; a bad entry is reported as "field[i]: ..." and left out.</summary>
/// <param name="entryHelp">What one entry holds, shown as "(expected ...)" for a bad entry.</param>
public sealed class TextListKey<TSection>(
    string key, Func<TSection, ImmutableArray<string>, TSection> set, string help, string entryHelp,
    bool required = false) : ConfigKey<TSection>(key, help, required)
{
    public override ConfigViolation? Check(TSection settings) => null;

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (node is not YamlSequenceNode list)
        {
            diagnostics.Add(node.Start.Line, path, "must be a list", Help, YamlValueReader.KindOf(node));
            return settings;
        }
        var entries = ImmutableArray.CreateBuilder<string>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var entry = YamlValueReader.Text(list.Children[i], $"{path}[{i}]", entryHelp, diagnostics);
            if (entry.IsPresent) entries.Add(entry.Value);
        }
        return set(settings, entries.ToImmutable());
    }
}
