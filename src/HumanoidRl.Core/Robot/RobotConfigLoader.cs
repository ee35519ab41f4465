using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Robot;

/// <summary>Loads robot-config/*.yaml and validates it completely before anything uses it.</summary>
public static class RobotConfigLoader
{
    /// <summary>
    /// Parses and validates a robot config. Throws <see cref="RobotConfigException"/> listing every problem
    /// (malformed YAML, missing/unknown keys, bad types and values, inconsistent references) with its line.
    /// </summary>
    public static RobotConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"{path}: robot config file not found (looked at {fullPath}).", fullPath);

        var diagnostics = new ConfigDiagnostics(path);
        var root = Parse(File.ReadAllText(fullPath), diagnostics);
        var config = root is null
            ? null
            : new RobotConfigReader(diagnostics).Read(root, path, Path.GetDirectoryName(fullPath)!);
        if (config is null || diagnostics.HasErrors) throw new RobotConfigException(path, diagnostics.Errors);
        return config;
    }

    private static YamlNode? Parse(string text, ConfigDiagnostics diagnostics)
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
                diagnostics.Add(1, "yaml", "the file is empty", "a mapping with the keys robot, base, motors, buses, imu, safety, joints");
                return null;
            case > 1:
                diagnostics.Add(stream.Documents[1].RootNode.Start.Line, "yaml", "more than one YAML document", "a single document");
                return null;
            default:
                return stream.Documents[0].RootNode;
        }
    }
}
