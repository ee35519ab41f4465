using System.Text.RegularExpressions;

namespace HumanoidRl.Architecture.Tests;

/// <summary>One row of the projects table: a project and the projects it may reference.</summary>
internal sealed record ArchitectureRow(string Project, IReadOnlyList<ProjectArrow> Arrows, int Line);

/// <summary>
/// The table "Projects (src/) and who may depend on whom" of docs/ARCHITECTURE.md. Its first column starts with the
/// project's name; its "depends on" column lists projects by their name without the HumanoidRl. prefix, comma-separated,
/// "(build order only)" after one the project builds first but does not link, "-" for none.
/// </summary>
internal static partial class ArchitectureTable
{
    private const string Heading = "## Projects (src/) and who may depend on whom";
    private const string BuildOrderOnly = "(build order only)";

    public static string Path { get; } = System.IO.Path.Combine(RepositoryLayout.Root, "docs", "ARCHITECTURE.md");

    public static IReadOnlyList<ArchitectureRow> Read()
    {
        var lines = File.ReadAllLines(Path);
        var start = Array.IndexOf(lines, Heading);
        if (start < 0) throw new InvalidDataException($"{Path}: no '{Heading}' section");
        var header = Cells(lines[start + 1]);
        var dependsOn = header.FindIndex(cell => cell.StartsWith("depends on", StringComparison.Ordinal));
        if (dependsOn < 0) throw new InvalidDataException($"{Path}:{start + 2}: the table has no 'depends on' column");

        var rows = new List<ArchitectureRow>();
        for (var index = start + 3; index < lines.Length && lines[index].StartsWith('|'); index++)
        {
            var cells = Cells(lines[index]);
            var name = ProjectName().Match(cells[0]);
            if (!name.Success)
                throw new InvalidDataException($"{Path}:{index + 1}: the first cell names no HumanoidRl project: '{cells[0]}'");
            var arrows = new List<ProjectArrow>();
            foreach (var item in cells[dependsOn].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (item == "-") continue;
                var buildOrderOnly = item.EndsWith(BuildOrderOnly, StringComparison.Ordinal);
                var target = buildOrderOnly ? item[..^BuildOrderOnly.Length].TrimEnd() : item;
                arrows.Add(new ProjectArrow(name.Value, "HumanoidRl." + target, buildOrderOnly));
            }
            rows.Add(new ArchitectureRow(name.Value, arrows, index + 1));
        }
        return rows;
    }

    private static List<string> Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(cell => cell.Trim())];

    [GeneratedRegex(@"^HumanoidRl(\.[A-Za-z]+)*")]
    private static partial Regex ProjectName();
}
