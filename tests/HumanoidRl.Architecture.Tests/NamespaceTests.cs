using System.Text.RegularExpressions;

namespace HumanoidRl.Architecture.Tests;

/// <summary>
/// Folders match namespaces: a file in src/&lt;Project&gt;/A/B (or tests/&lt;Project&gt;/A/B) declares namespace
/// &lt;Project&gt;.A.B, and one in src/Shared declares HumanoidRl.Shared. A file without a namespace declares no type
/// (top-level statements, assembly attributes).
/// </summary>
public sealed partial class NamespaceTests
{
    [Fact]
    public void Every_source_and_test_file_declares_the_namespace_of_its_folder()
    {
        var wrong = new List<string>();
        foreach (var root in new[] { RepositoryLayout.SourceFolder, RepositoryLayout.TestsFolder })
        {
            foreach (var path in RepositoryLayout.SourceFiles(root))
            {
                var folders = Path.GetRelativePath(root, Path.GetDirectoryName(path)!).Split(Path.DirectorySeparatorChar);
                var expected = folders[0] == "Shared" ? "HumanoidRl." + string.Join('.', folders) : string.Join('.', folders);
                var text = File.ReadAllText(path);
                var declared = FileScopedNamespace().Match(text);
                var relative = Path.GetRelativePath(RepositoryLayout.Root, path);
                if (declared.Success && declared.Groups[1].Value != expected)
                    wrong.Add($"{relative}: namespace {declared.Groups[1].Value}, folder says {expected}");
                else if (!declared.Success && TypeDeclaration().IsMatch(text))
                    wrong.Add($"{relative}: declares a type outside namespace {expected}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    [GeneratedRegex(@"^(public |internal |file )?(static |sealed |abstract |partial |readonly )*(class|record|struct|interface|enum) ",
        RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
