using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>
/// Reads the keys of one YAML mapping by name. Every key asked for becomes a known key, so
/// <see cref="RejectUnknownKeys"/> (called after the reads) reports anything else as a typo.
/// </summary>
public sealed class YamlMappingReader
{
    private readonly YamlMappingNode _node;
    private readonly ConfigDiagnostics _diagnostics;
    private readonly List<string> _knownKeys = [];

    private YamlMappingReader(YamlMappingNode node, string path, ConfigDiagnostics diagnostics)
    {
        _node = node;
        Path = path;
        _diagnostics = diagnostics;
    }

    /// <summary>Dotted path of this mapping ("" for the document root, reported as "yaml").</summary>
    public string Path { get; }

    public long Line => _node.Start.Line;

    /// <summary>A reader over the node, or null (reported) when the node is not a mapping.</summary>
    public static YamlMappingReader? Open(YamlNode node, string path, string expected, ConfigDiagnostics diagnostics)
    {
        if (node is YamlMappingNode mapping) return new YamlMappingReader(mapping, path, diagnostics);
        diagnostics.Add(node.Start.Line, path.Length == 0 ? "yaml" : path, "must be a mapping", expected, YamlValueReader.KindOf(node));
        return null;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Whether the optional key is present; either way it counts as a known key.</summary>
    public bool Has(string key)
    {
        MarkKnown(key);
        foreach (var name in _node.Children.Keys)
        {
            if (name is YamlScalarNode { Value: { } text } && text == key) return true;
        }
        return false;
    }

    public Located<string> Text(string key, string expected) =>
        Find(key, expected) is { } node
            ? YamlValueReader.Text(node, PathOf(key), expected, _diagnostics)
            : Located<string>.Absent(Line, PathOf(key));

    public Located<double> Number(string key, string expected) =>
        Find(key, expected) is { } node
            ? YamlValueReader.Number(node, PathOf(key), expected, _diagnostics)
            : Located<double>.Absent(Line, PathOf(key));

    public Located<long> Integer(string key, string expected) =>
        Find(key, expected) is { } node
            ? YamlValueReader.Integer(node, PathOf(key), expected, _diagnostics)
            : Located<long>.Absent(Line, PathOf(key));

    public YamlMappingReader? Mapping(string key, string expected) =>
        Find(key, expected) is { } node ? Open(node, PathOf(key), expected, _diagnostics) : null;

    /// <summary>The list under the key, or null (reported) when it is missing or not a list.</summary>
    public YamlSequenceNode? Sequence(string key, string expected)
    {
        var node = Find(key, expected);
        if (node is null or YamlSequenceNode) return (YamlSequenceNode?)node;
        _diagnostics.Add(node.Start.Line, PathOf(key), "must be a list", expected, YamlValueReader.KindOf(node));
        return null;
    }

    public void RejectUnknownKeys()
    {
        foreach (var key in _node.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } name } && _knownKeys.Contains(name)) continue;
            _diagnostics.Add(key.Start.Line, PathOf(YamlValueReader.KindOf(key)), "unknown key",
                $"one of {string.Join(", ", _knownKeys)}");
        }
    }

    /// <summary>The node under the key when present, without reporting its absence.</summary>
    public YamlNode? Optional(string key)
    {
        MarkKnown(key);
        foreach (var (name, value) in _node.Children)
        {
            if (name is YamlScalarNode { Value: { } text } && text == key) return value;
        }
        return null;
    }

    /// <summary>The line of the key's value when present, else the mapping's line (where a missing key is reported).</summary>
    public long LineOf(string key) => Optional(key)?.Start.Line ?? Line;

    private void MarkKnown(string key)
    {
        if (!_knownKeys.Contains(key)) _knownKeys.Add(key);
    }

    private YamlNode? Find(string key, string expected)
    {
        MarkKnown(key);
        foreach (var (name, value) in _node.Children)
        {
            if (name is YamlScalarNode { Value: { } text } && text == key) return value;
        }
        _diagnostics.Add(Line, PathOf(key), "missing required key", expected);
        return null;
    }
}
