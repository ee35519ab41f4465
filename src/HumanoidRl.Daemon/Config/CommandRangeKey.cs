using HumanoidRl.Core.Config;
using HumanoidRl.Core.Tasks;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Daemon.Config;

/// <summary>A required velocity command range "[min, max]" that must contain 0: a lapsed lease zeroes the command.</summary>
internal sealed class CommandRangeKey<TSection>(string key, Func<TSection, UniformRange> get, Func<TSection, UniformRange, TSection> set)
    : ConfigKey<TSection>(key, "[min, max] with min <= 0 <= max", required: true)
{
    public override ConfigViolation? Check(TSection settings)
    {
        var range = get(settings);
        return range.Min <= range.Max && range.Contains(0) ? null : new ConfigViolation(Key, range, Help);
    }

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        if (node is not YamlSequenceNode { Children.Count: 2 } pair
            || FiniteNumber(pair.Children[0]) is not { } min || FiniteNumber(pair.Children[1]) is not { } max)
        {
            diagnostics.Add(node.Start.Line, path, "must be a list of two finite numbers [min, max]", Help, YamlValueReader.KindOf(node));
            return settings;
        }
        var range = new UniformRange(min, max);
        if (checkRule && min > max) diagnostics.Add(node.Start.Line, path, "min is greater than max", Help, range.ToString());
        else if (checkRule && !range.Contains(0)) diagnostics.Add(node.Start.Line, path, "does not contain 0", Help, range.ToString());
        return set(settings, range);
    }

    /// <summary>Element problems are reported once for the whole pair, so elements are read against a scratch list.</summary>
    private static double? FiniteNumber(YamlNode node)
    {
        var scratch = new ConfigDiagnostics("");
        var number = YamlValueReader.Number(node, "", "", scratch);
        return number.IsPresent ? number.Value : null;
    }
}
