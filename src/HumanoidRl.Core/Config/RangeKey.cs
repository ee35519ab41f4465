using HumanoidRl.Core.Tasks;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>
/// A key holding a <see cref="UniformRange"/>: a number (a fixed value) or a [min, max] list, with min <= max,
/// optionally within [<paramref name="min"/>, <paramref name="max"/>] and of whole numbers.
/// </summary>
public sealed class RangeKey<TSection>(
    string key, Func<TSection, UniformRange> get, Func<TSection, UniformRange, TSection> set,
    double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool integers = false)
    : ConfigKey<TSection>(key, "a number or a [min, max] list of numbers", required: false)
{
    private string BoundsText => double.IsInfinity(max) ? $"values >= {min}" : $"values in [{min}, {max}]";

    public override ConfigViolation? Check(TSection settings)
    {
        var range = get(settings);
        return range.Min <= range.Max && range.Min >= min && range.Max <= max ? null : new ConfigViolation(Key, range, BoundsText);
    }

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        double low, high;
        if (node is YamlSequenceNode list)
        {
            if (list.Children.Count != 2)
            {
                diagnostics.Add(node.Start.Line, path, "must have exactly 2 entries", Help, $"{list.Children.Count} entries");
                return settings;
            }
            var lowValue = YamlValueReader.Number(list.Children[0], $"{path}[0]", "a number", diagnostics);
            var highValue = YamlValueReader.Number(list.Children[1], $"{path}[1]", "a number", diagnostics);
            if (!lowValue.IsPresent || !highValue.IsPresent) return settings;
            (low, high) = (lowValue.Value, highValue.Value);
        }
        else
        {
            var value = YamlValueReader.Number(node, path, Help, diagnostics);
            if (!value.IsPresent) return settings;
            low = high = value.Value;
        }
        if (checkRule)
        {
            if (low > high)
                diagnostics.Add(node.Start.Line, path, "min is greater than max", "[min, max] with min <= max", $"[{low}, {high}]");
            else if (low < min || high > max) diagnostics.Add(node.Start.Line, path, "out of range", BoundsText, $"[{low}, {high}]");
            else if (integers && (low != Math.Floor(low) || high != Math.Floor(high)))
                diagnostics.Add(node.Start.Line, path, "must be whole numbers", "whole loop ticks", $"[{low}, {high}]");
        }
        return set(settings, new UniformRange(low, high));
    }
}
