using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HumanoidRl.Architecture.Tests;

/// <summary>The project graph is the one docs/ARCHITECTURE.md draws, and its hard rules hold.</summary>
public sealed partial class ProjectReferenceTests
{
    private static readonly IReadOnlyList<ProjectArrow> Arrows = ProjectGraph.Read();
    private static readonly IReadOnlyList<ArchitectureRow> Rows = ArchitectureTable.Read();

    [Fact]
    public void Every_project_reference_is_an_arrow_the_architecture_table_draws()
    {
        var drawn = Rows.SelectMany(row => row.Arrows).ToHashSet();
        var undrawn = Arrows.Where(arrow => !drawn.Contains(arrow)).Select(arrow => arrow.ToString()).ToList();

        Assert.True(undrawn.Count == 0, $"{ArchitectureTable.Path} does not draw: {string.Join("; ", undrawn)}");
    }

    [Fact]
    public void Every_row_and_arrow_of_the_architecture_table_names_a_project_that_exists()
    {
        var projects = RepositoryLayout.SourceProjects().Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var missing = Rows.Where(row => !projects.Contains(row.Project)).Select(row => $"line {row.Line}: {row.Project}")
            .Concat(Rows.SelectMany(row => row.Arrows.Where(arrow => !projects.Contains(arrow.To))
                .Select(arrow => $"line {row.Line}: {arrow}")))
            .ToList();

        Assert.True(missing.Count == 0, $"{ArchitectureTable.Path} names projects that are not under src/: {string.Join("; ", missing)}");
    }

    [Fact]
    public void Every_project_under_src_has_exactly_one_row()
    {
        var counts = Rows.GroupBy(row => row.Project).ToDictionary(group => group.Key, group => group.Count());
        var wrong = RepositoryLayout.SourceProjects().Select(Path.GetFileNameWithoutExtension)
            .Where(project => counts.GetValueOrDefault(project!) != 1).ToList();

        Assert.True(wrong.Count == 0, $"{ArchitectureTable.Path}: no row, or more than one, for {string.Join(", ", wrong)}");
    }

    [Fact]
    public void The_daemon_links_neither_training_nor_TorchSharp()
    {
        var linked = ProjectGraph.LinkedClosure(Arrows, "HumanoidRl.Daemon").Append("HumanoidRl.Daemon").ToList();

        Assert.DoesNotContain("HumanoidRl.Training", linked);
        foreach (var project in linked)
        {
            var packages = XDocument.Load(Path.Combine(RepositoryLayout.SourceFolder, project, project + ".csproj"))
                .Descendants("PackageReference").Select(package => package.Attribute("Include")?.Value ?? "");
            Assert.DoesNotContain(packages, package => package.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase)
                || package.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void The_driver_links_neither_the_simulator_nor_the_controller()
    {
        var linked = ProjectGraph.LinkedClosure(Arrows, "HumanoidRl.Hardware");

        Assert.Equal(["HumanoidRl.Core"], linked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Native_imports_are_in_the_MuJoCo_bindings_and_the_one_libc_file_only()
    {
        var libc = Path.Combine("Shared", "Libc.cs");
        var importers = RepositoryLayout.SourceFiles(RepositoryLayout.SourceFolder)
            .Where(path => NativeImport().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(RepositoryLayout.SourceFolder, path))
            .Where(path => path != libc && !path.StartsWith("HumanoidRl.MuJoCo" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();

        Assert.True(importers.Count == 0, $"P/Invoke outside src/HumanoidRl.MuJoCo and src/{libc}: {string.Join(", ", importers)}");
    }

    [GeneratedRegex(@"\[(LibraryImport|DllImport)\(")]
    private static partial Regex NativeImport();
}
