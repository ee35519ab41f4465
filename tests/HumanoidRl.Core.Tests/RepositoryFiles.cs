namespace HumanoidRl.Core.Tests;

/// <summary>Paths of files shipped in the repository, found from the test binaries' folder.</summary>
internal static class RepositoryFiles
{
    public const string ConfigRelativePath = "robot-config/humanoid16.yaml";

    public static string Root { get; } = FindRoot();

    public static string ShippedConfig => Path.Combine(Root, ConfigRelativePath);

    public static string ShippedModel => Path.Combine(Root, "sim", "humanoid16.xml");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, ConfigRelativePath))) return folder.FullName;
        }
        throw new InvalidOperationException($"{ConfigRelativePath} not found above {AppContext.BaseDirectory}.");
    }
}
