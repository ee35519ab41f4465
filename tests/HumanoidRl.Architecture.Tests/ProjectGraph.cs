using System.Xml.Linq;

namespace HumanoidRl.Architecture.Tests;

/// <summary>An arrow of the project graph: <paramref name="From"/> references <paramref name="To"/>.</summary>
/// <param name="BuildOrderOnly">True for a reference with ReferenceOutputAssembly="false": built first, never linked.</param>
internal readonly record struct ProjectArrow(string From, string To, bool BuildOrderOnly)
{
    public override string ToString() => $"{From} -> {To}{(BuildOrderOnly ? " (build order only)" : "")}";
}

/// <summary>The ProjectReference items of the projects under src/, as arrows between project names.</summary>
internal static class ProjectGraph
{
    public static IReadOnlyList<ProjectArrow> Read()
    {
        var arrows = new List<ProjectArrow>();
        foreach (var project in RepositoryLayout.SourceProjects())
        {
            var from = Path.GetFileNameWithoutExtension(project);
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value
                    ?? throw new InvalidDataException($"{project}: a ProjectReference without Include");
                var to = Path.GetFileNameWithoutExtension(include.Replace('\\', Path.DirectorySeparatorChar));
                var linked = reference.Attribute("ReferenceOutputAssembly")?.Value ?? reference.Element("ReferenceOutputAssembly")?.Value;
                arrows.Add(new ProjectArrow(from, to, string.Equals(linked, "false", StringComparison.OrdinalIgnoreCase)));
            }
        }
        return arrows;
    }

    /// <summary>Every project <paramref name="project"/> links, directly or through others (build-order-only arrows excluded).</summary>
    public static IReadOnlySet<string> LinkedClosure(IReadOnlyList<ProjectArrow> arrows, string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            foreach (var arrow in arrows.Where(a => a.From == next && !a.BuildOrderOnly))
                if (seen.Add(arrow.To)) pending.Push(arrow.To);
        }
        return seen;
    }
}
