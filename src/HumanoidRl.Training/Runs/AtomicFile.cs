namespace HumanoidRl.Training.Runs;

/// <summary>Writes through a temporary file and a rename, so a crash never leaves a half-written file.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, temporary => File.WriteAllText(temporary, text));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, temporary => File.WriteAllBytes(temporary, bytes));

    public static void Write(string path, Action<string> writeTemporary)
    {
        ArgumentNullException.ThrowIfNull(writeTemporary);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        writeTemporary(temporary);
        File.Move(temporary, full, overwrite: true);
    }
}
