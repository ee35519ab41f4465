namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>
/// Lays out under a folder what the Dockerfile's runtime stage copies from the repository (`COPY SRC... DEST`, not
/// `--from`), read from the Dockerfile itself: what the daemon in the image finds under /opt/humanoid-rl.
/// </summary>
internal static class ContainerImageLayout
{
    public static void CopyInto(string imageRoot)
    {
        var repository = Config.DaemonConfigText.RepositoryRoot();
        var lines = File.ReadAllLines(Path.Combine(repository, "Dockerfile"));
        var runtimeStage = lines.Skip(Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        var copies = runtimeStage
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..])
            .ToList();
        if (copies.Count == 0) throw new InvalidOperationException("the Dockerfile's runtime stage copies nothing from the repository");
        foreach (var words in copies)
        {
            var destination = Path.Combine(imageRoot, words[^1].TrimStart('/'));
            foreach (var source in words[..^1]) Copy(repository, source, destination);
        }
    }

    private static void Copy(string repository, string source, string destination)
    {
        if (source.EndsWith('/'))
        {
            var folder = Path.Combine(repository, source);
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                CopyFile(file, Path.Combine(destination, Path.GetRelativePath(folder, file)));
            return;
        }
        // A file or a pattern such as models/*.onnx; the destination is a folder (ends with /).
        var matches = Directory.GetFiles(Path.Combine(repository, Path.GetDirectoryName(source)!), Path.GetFileName(source));
        if (matches.Length == 0) throw new InvalidOperationException($"Dockerfile: COPY {source} matches no file in the repository");
        foreach (var file in matches) CopyFile(file, Path.Combine(destination, Path.GetFileName(file)));
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }
}
