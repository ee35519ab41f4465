using HumanoidRl.Core.Config;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Daemon.Config;

/// <summary>Reads a velocity command range "[min, max]" that must contain 0.</summary>
internal static class CommandRangeReader
{
    private const string Expected = "[min, max] with min <= 0 <= max";

    /// <summary>The range under the key, or null (reported) when it is missing, malformed or excludes 0.</summary>
    public static CommandRange? Read(YamlMappingReader velocity, string key, ConfigDiagnostics diagnostics)
    {
        var path = velocity.PathOf(key);
        if (velocity.Optional(key) is not { } node)
        {
            diagnostics.Add(velocity.Line, path, "missing required key", Expected);
            return null;
        }
        if (node is not YamlSequenceNode { Children.Count: 2 } pair
            || FiniteNumber(pair.Children[0]) is not { } min || FiniteNumber(pair.Children[1]) is not { } max)
        {
            diagnostics.Add(node.Start.Line, path, "must be a list of two finite numbers [min, max]", Expected, YamlValueReader.KindOf(node));
            return null;
        }
        var range = new CommandRange(min, max);
        if (min > max)
        {
            diagnostics.Add(node.Start.Line, path, "min is greater than max", Expected, range.ToString());
            return null;
        }
        // Zero must be a legal command: a lapsed lease zeroes it.
        if (min <= 0 && max >= 0) return range;
        diagnostics.Add(node.Start.Line, path, "does not contain 0", Expected, range.ToString());
        return null;
    }

    /// <summary>Element problems are reported once for the whole pair, so elements are read against a scratch list.</summary>
    private static double? FiniteNumber(YamlNode node)
    {
        var scratch = new ConfigDiagnostics("");
        var number = YamlValueReader.Number(node, "", "", scratch);
        return number.IsPresent ? number.Value : null;
    }
}
