using HumanoidRl.Cli.Demo;

namespace HumanoidRl.Cli.Tests.Demo;

public sealed class DemoPolicyLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hrl-demo-root-").FullName;

    [Fact]
    public void Find_prefers_the_shipped_balance_model()
    {
        var shipped = Touch("models/humanoid16-balance.onnx", DateTime.UtcNow.AddDays(-1));
        Touch("runs/a/policy.onnx", DateTime.UtcNow);

        Assert.Equal(shipped, DemoPolicyLocator.Find(_root));
    }

    [Fact]
    public void Find_takes_the_newest_run_policy_without_a_shipped_model()
    {
        Touch("runs/old/policy.onnx", DateTime.UtcNow.AddHours(-2));
        var newest = Touch("runs/new/policy.onnx", DateTime.UtcNow.AddHours(-1));
        Touch("runs/empty/metrics.csv", DateTime.UtcNow);

        Assert.Equal(newest, DemoPolicyLocator.Find(_root));
    }

    [Fact]
    public void Find_without_any_policy_names_both_places_it_looked()
    {
        var error = Assert.Throws<FileNotFoundException>(() => DemoPolicyLocator.Find(_root));

        Assert.Contains(Path.Combine(_root, "models/humanoid16-balance.onnx"), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "runs/*/policy.onnx"), error.Message, StringComparison.Ordinal);
        Assert.Contains("--policy FILE", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Touch(string relative, DateTime writtenUtc)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, writtenUtc);
        return path;
    }
}
