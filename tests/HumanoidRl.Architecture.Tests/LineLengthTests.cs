using System.Globalization;
using System.Text.RegularExpressions;

namespace HumanoidRl.Architecture.Tests;

/// <summary>The C# code keeps the line length that .editorconfig sets for it, so it reads without scrolling.</summary>
public sealed partial class LineLengthTests
{
    [Fact]
    public void Every_source_and_test_line_keeps_the_editorconfig_maximum()
    {
        var maximum = MaximumLineLength();
        var longLines = new List<string>();
        foreach (var root in new[] { RepositoryLayout.SourceFolder, RepositoryLayout.TestsFolder })
        {
            foreach (var path in RepositoryLayout.SourceFiles(root))
            {
                var lines = File.ReadAllLines(path);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].Length > maximum)
                        longLines.Add($"{Path.GetRelativePath(RepositoryLayout.Root, path)}:{i + 1}: {lines[i].Length} characters");
                }
            }
        }

        var list = string.Join(Environment.NewLine, longLines);
        Assert.True(longLines.Count == 0, $"lines over {maximum} characters:{Environment.NewLine}{list}");
    }

    /// <summary>max_line_length of the [*.cs] section of the repository's .editorconfig.</summary>
    private static int MaximumLineLength()
    {
        var path = Path.Combine(RepositoryLayout.Root, ".editorconfig");
        var section = "";
        foreach (var line in File.ReadLines(path))
        {
            var header = SectionHeader().Match(line);
            if (header.Success) section = header.Groups[1].Value;
            var setting = MaxLineLength().Match(line);
            if (section == "*.cs" && setting.Success) return int.Parse(setting.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        throw new InvalidDataException($"{path}: no max_line_length in its [*.cs] section");
    }

    [GeneratedRegex(@"^\s*\[(.+)\]\s*$")]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^\s*max_line_length\s*=\s*(\d+)\s*$")]
    private static partial Regex MaxLineLength();
}
