using HumanoidRl.Training.Runs;

namespace HumanoidRl.Training.Tests.Runs;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_write_replaces_the_file_and_leaves_nothing_else_in_its_folder()
    {
        var path = Path.Combine(_folder, "policy.onnx");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_write_that_fails_halfway_keeps_the_old_file_removes_its_temporary_and_names_the_target()
    {
        var path = Path.Combine(_folder, "policy.onnx");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, temporary =>
        {
            File.WriteAllText(temporary, "half");
            throw new IOException("No space left on device");
        }));

        Assert.Equal($"{path}: cannot write it (No space left on device)", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_folder_that_cannot_be_created_is_reported_with_the_target_path()
    {
        var blocker = Path.Combine(_folder, "a-file");
        File.WriteAllText(blocker, "");
        var path = Path.Combine(blocker, "policy.onnx");

        var error = Assert.Throws<IOException>(() => AtomicFile.WriteAllBytes(path, [1, 2, 3]));

        Assert.StartsWith($"{path}: cannot write it (", error.Message, StringComparison.Ordinal);
    }
}
