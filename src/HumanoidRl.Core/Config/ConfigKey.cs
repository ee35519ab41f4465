using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>
/// One key of a config section, declared once: its name, how its value is read into the section's settings, the
/// help text shown as "(expected ...)" and the rule its value must keep.
/// </summary>
/// <typeparam name="TSection">The settings record the section fills.</typeparam>
public abstract class ConfigKey<TSection>(string key, string help, bool required)
{
    public string Key { get; } = key;

    /// <summary>What the key holds, shown as "(expected ...)" when its value is missing, mistyped or out of bounds.</summary>
    public string Help { get; } = help;

    /// <summary>Required keys are reported when missing; optional ones keep the section's default.</summary>
    public bool IsRequired { get; } = required;

    /// <summary>The settings with this key's value from the mapping, reporting every problem; unchanged when absent or bad.</summary>
    /// <param name="checkRule">False leaves the rule to <see cref="Check"/> (a section that reports rules its own way).</param>
    public TSection Read(YamlMappingReader mapping, TSection settings, ConfigDiagnostics diagnostics, bool checkRule = true)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (mapping.Optional(Key) is { } node) return ReadValue(node, mapping.PathOf(Key), settings, diagnostics, checkRule);
        if (IsRequired) diagnostics.Add(mapping.Line, mapping.PathOf(Key), "missing required key", Help);
        return settings;
    }

    /// <summary>The violation when the settings' value breaks this key's rule, else null.</summary>
    public abstract ConfigViolation? Check(TSection settings);

    protected abstract TSection ReadValue(YamlNode node, string path, TSection settings, ConfigDiagnostics diagnostics, bool checkRule);
}
