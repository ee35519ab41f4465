using System.Numerics;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>A key holding a number of type <typeparamref name="TValue"/>, optionally within bounds.</summary>
public abstract class BoundedKey<TSection, TValue>(
    string key, Func<TSection, TValue> get, Func<TSection, TValue, TSection> set, string help,
    ConfigBounds? bounds, bool required) : ConfigKey<TSection>(key, help, required)
    where TValue : struct, INumberBase<TValue>
{
    public ConfigBounds? Bounds { get; } = bounds;

    public override ConfigViolation? Check(TSection settings)
    {
        var value = get(settings);
        return Bounds is null || Bounds.Contains(double.CreateChecked(value)) ? null : new ConfigViolation(Key, value, Bounds.Notation);
    }

    protected override TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var value = Parse(node, path, diagnostics);
        if (!value.IsPresent) return settings;
        if (checkRule && Bounds is not null)
            diagnostics.Require(value, Bounds.Contains(double.CreateChecked(value.Value)), Bounds.Problem, Bounds.Expected ?? Help);
        return set(settings, value.Value);
    }

    /// <summary>The node's value, or an absent one with the problem reported.</summary>
    protected abstract Located<TValue> Parse(YamlNode node, string path, ConfigDiagnostics diagnostics);
}
