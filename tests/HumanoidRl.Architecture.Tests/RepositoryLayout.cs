namespace HumanoidRl.Architecture.Tests;

/// <summary>The repository these tests read: found upwards from the test assembly by HumanoidRl.sln.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string SourceFolder => Path.Combine(Root, "src");

    public static string TestsFolder => Path.Combine(Root, "tests");

    /// <summary>The project files under src/, one folder each: src/&lt;Project&gt;/&lt;Project&gt;.csproj.</summary>
    public static IReadOnlyList<string> SourceProjects() =>
        [.. Directory.EnumerateDirectories(SourceFolder)
            .Select(folder => Path.Combine(folder, Path.GetFileName(folder) + ".csproj"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)];

    /// <summary>The C# files of a folder and its subfolders, build output excluded.</summary>
    public static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) return folder.FullName;
        }
        throw new DirectoryNotFoundException($"no HumanoidRl.sln above {AppContext.BaseDirectory}");
    }
}
