namespace HumanoidRl.Core.Config;

/// <summary>
/// The keys of one config section, each declared once (name, type, default from the settings record, bounds, help
/// text). The table reads a mapping into the settings, reporting every problem as "file:line: field: problem
/// (expected ...)", and checks settings built in code against the same rules.
/// </summary>
public sealed class ConfigTable<TSection>
{
    private readonly ConfigKey<TSection>[] _keys;

    public ConfigTable(params IEnumerable<ConfigKey<TSection>> keys)
    {
        _keys = [.. keys];
        if (_keys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count() != _keys.Length)
            throw new ArgumentException("a config section declares a key twice", nameof(keys));
    }

    public IReadOnlyList<ConfigKey<TSection>> Keys => _keys;

    /// <summary>Rules across keys (max >= min), checked after the keys' own rules.</summary>
    public IReadOnlyList<Func<TSection, ConfigViolation?>> Rules { get; init; } = [];

    /// <summary>The key names in order, comma-separated.</summary>
    public string KeyNames => string.Join(", ", _keys.Select(k => k.Key));

    public ConfigKey<TSection> this[string key] => _keys.First(k => k.Key == key);

    /// <summary>
    /// The defaults with every key present in the mapping read into them. Unknown keys are left to the caller's
    /// <see cref="YamlMappingReader.RejectUnknownKeys"/>, since a section may hold more than scalars.
    /// </summary>
    /// <param name="checkRules">False leaves the keys' rules to <see cref="Violations"/>.</param>
    public TSection Read(YamlMappingReader mapping, TSection defaults, ConfigDiagnostics diagnostics, bool checkRules = true)
    {
        var settings = defaults;
        foreach (var key in _keys) settings = key.Read(mapping, settings, diagnostics, checkRules);
        return settings;
    }

    /// <summary>Every key and cross-key rule the settings break, in table order.</summary>
    public IEnumerable<ConfigViolation> Violations(TSection settings)
    {
        foreach (var key in _keys)
        {
            if (key.Check(settings) is { } violation) yield return violation;
        }
        foreach (var rule in Rules)
        {
            if (rule(settings) is { } violation) yield return violation;
        }
    }
}
