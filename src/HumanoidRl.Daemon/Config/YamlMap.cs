using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Daemon.Config;

/// <summary>
/// Reads the keys of one YAML mapping by name and reports type errors with their line. Every key asked for
/// becomes known, so <see cref="RejectUnknownKeys"/> (called after the reads) reports anything else as a typo.
/// Readers return null when a value is missing or mistyped; the problem is already recorded.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly ConfigProblems _problems;
    private readonly List<string> _knownKeys = [];

    private YamlMap(YamlMappingNode node, string path, ConfigProblems problems)
    {
        _node = node;
        Path = path;
        _problems = problems;
    }

    /// <summary>Dotted path of this mapping ("" for the document root).</summary>
    public string Path { get; }

    public long Line => _node.Start.Line;

    public static YamlMap? Open(YamlNode node, string path, string expected, ConfigProblems problems)
    {
        if (node is YamlMappingNode mapping) return new YamlMap(mapping, path, problems);
        problems.Add(node.Start.Line, path.Length == 0 ? "yaml" : path, "must be a mapping", expected, KindOf(node));
        return null;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Whether the key is present (and marks it known), for optional sections.</summary>
    public bool Has(string key)
    {
        _knownKeys.Add(key);
        return Lookup(key) is not null;
    }

    public long LineOf(string key) => Lookup(key)?.Start.Line ?? Line;

    public string? Text(string key, string expected)
    {
        if (Find(key, expected) is not { } node) return null;
        if (node is YamlScalarNode scalar && !IsNull(scalar) && scalar.Value!.Trim().Length > 0) return scalar.Value.Trim();
        _problems.Add(node.Start.Line, PathOf(key), "must be a non-empty text value", expected, KindOf(node));
        return null;
    }

    public long? Integer(string key, string expected)
    {
        if (Find(key, expected) is not { } node) return null;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } scalar
            && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        _problems.Add(node.Start.Line, PathOf(key), "must be a whole number", expected, KindOf(node));
        return null;
    }

    /// <summary>A two-element list [min, max] of finite numbers with min &lt;= max.</summary>
    public (double Min, double Max)? Range(string key, string expected)
    {
        if (Find(key, expected) is not { } node) return null;
        if (node is YamlSequenceNode { Children.Count: 2 } pair
            && Number(pair.Children[0]) is { } min && Number(pair.Children[1]) is { } max)
        {
            if (min <= max) return (min, max);
            _problems.Add(node.Start.Line, PathOf(key), "min is greater than max", expected,
                $"[{ConfigProblems.Describe(min)}, {ConfigProblems.Describe(max)}]");
            return null;
        }
        _problems.Add(node.Start.Line, PathOf(key), "must be a list of two finite numbers [min, max]", expected, KindOf(node));
        return null;
    }

    public YamlMap? Mapping(string key, string expected) =>
        Find(key, expected) is { } node ? Open(node, PathOf(key), expected, _problems) : null;

    public YamlSequenceNode? Sequence(string key, string expected)
    {
        var node = Find(key, expected);
        if (node is null or YamlSequenceNode) return (YamlSequenceNode?)node;
        _problems.Add(node.Start.Line, PathOf(key), "must be a list", expected, KindOf(node));
        return null;
    }

    public void RejectUnknownKeys()
    {
        foreach (var key in _node.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } name } && _knownKeys.Contains(name)) continue;
            _problems.Add(key.Start.Line, PathOf(KindOf(key)), "unknown key", $"one of {string.Join(", ", _knownKeys)}");
        }
    }

    /// <summary>How a node reads in an error: a scalar's own text, otherwise its kind.</summary>
    public static string KindOf(YamlNode node) => node switch
    {
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => scalar.Value!,
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    private static double? Number(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar
        && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? value
            : null;

    private YamlNode? Find(string key, string expected)
    {
        _knownKeys.Add(key);
        if (Lookup(key) is { } node) return node;
        _problems.Add(Line, PathOf(key), "missing required key", expected);
        return null;
    }

    private YamlNode? Lookup(string key)
    {
        foreach (var (name, value) in _node.Children)
        {
            if (name is YamlScalarNode { Value: { } text } && text == key) return value;
        }
        return null;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
