using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Config;

/// <summary>Parses one config file into a single YAML document, reporting malformed YAML with its line.</summary>
public static class ConfigYaml
{
    /// <summary>The document's root node, or null (reported) when the text is not exactly one YAML document.</summary>
    public static YamlNode? Parse(string text, ConfigDiagnostics diagnostics, string expectedRoot)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException error)
        {
            diagnostics.Add(error.Start.Line, "yaml", $"malformed YAML: {error.Message}", "well-formed YAML");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 throws this instead of a YamlException for some unterminated flow collections;
            // the last event it parsed still says where.
            var line = parser.Current?.End.Line ?? 1;
            diagnostics.Add(line, "yaml", "malformed YAML: the parser stopped after this line (an unclosed [ or { ?)", "well-formed YAML");
            return null;
        }
        switch (stream.Documents.Count)
        {
            case 0:
                diagnostics.Add(1, "yaml", "the file is empty", expectedRoot);
                return null;
            case > 1:
                diagnostics.Add(stream.Documents[1].RootNode.Start.Line, "yaml", "more than one YAML document", "a single document");
                return null;
            default:
                return stream.Documents[0].RootNode;
        }
    }
}
