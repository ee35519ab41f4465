using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>Reads typed scalars from YAML nodes, reporting type errors with the node's line.</summary>
public static class YamlValueReader
{
    public static Located<string> Text(YamlNode node, string path, string expected, ConfigDiagnostics diagnostics)
    {
        if (node is not YamlScalarNode scalar || IsNull(scalar))
        {
            diagnostics.Add(node.Start.Line, path, "must be a non-empty text value", expected, KindOf(node));
            return Located<string>.Absent(node.Start.Line, path);
        }
        var value = scalar.Value!.Trim();
        if (value.Length == 0)
        {
            diagnostics.Add(node.Start.Line, path, "must not be empty", expected);
            return Located<string>.Absent(node.Start.Line, path);
        }
        return new(value, node.Start.Line, path, true);
    }

    public static Located<double> Number(YamlNode node, string path, string expected, ConfigDiagnostics diagnostics)
    {
        // Quoted scalars are text in YAML, so "36" is a type error rather than a silently accepted number.
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } scalar
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (double.IsFinite(value)) return new(value == 0 ? 0 : value, node.Start.Line, path, true);
        }
        diagnostics.Add(node.Start.Line, path, "must be a finite number", expected, KindOf(node));
        return Located<double>.Absent(node.Start.Line, path);
    }

    public static Located<long> Integer(YamlNode node, string path, string expected, ConfigDiagnostics diagnostics)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } scalar
            && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return new(value, node.Start.Line, path, true);
        }
        diagnostics.Add(node.Start.Line, path, "must be a whole number", expected, KindOf(node));
        return Located<long>.Absent(node.Start.Line, path);
    }

    public static Located<bool> Boolean(YamlNode node, string path, string expected, ConfigDiagnostics diagnostics)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar)
            return new(scalar.Value == "true", node.Start.Line, path, true);
        diagnostics.Add(node.Start.Line, path, "must be a boolean", expected, KindOf(node));
        return Located<bool>.Absent(node.Start.Line, path);
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

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
