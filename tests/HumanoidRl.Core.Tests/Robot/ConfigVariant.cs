namespace HumanoidRl.Core.Tests.Robot;

/// <summary>
/// The shipped robot config with targeted text edits, written to a temporary folder. The model path is made
/// absolute so the variant still finds the shipped MJCF; every edit keeps line numbers unless it adds lines.
/// </summary>
internal sealed class ConfigVariant : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-config-").FullName;
    private string _text;

    public ConfigVariant()
    {
        _text = File.ReadAllText(RepositoryFiles.ShippedConfig)
            .Replace("model_file: ../sim/humanoid16.xml", $"model_file: {RepositoryFiles.ShippedModel}", StringComparison.Ordinal);
        Path = System.IO.Path.Combine(_folder, "robot.yaml");
    }

    public string Path { get; }

    public string Text => _text;

    /// <summary>
    /// Replaces the first occurrence of <paramref name="oldText"/> after <paramref name="anchor"/> (from the file
    /// start when null) and returns the 1-based line the replacement starts on.
    /// </summary>
    public int Replace(string? anchor, string oldText, string newText)
    {
        var start = 0;
        if (anchor is not null)
        {
            start = _text.IndexOf(anchor, StringComparison.Ordinal);
            if (start < 0) throw new InvalidOperationException($"anchor '{anchor}' not in the config");
        }
        var at = _text.IndexOf(oldText, start, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"'{oldText}' not in the config after '{anchor}'");
        _text = string.Concat(_text.AsSpan(0, at), newText, _text.AsSpan(at + oldText.Length));
        return LineAt(at);
    }

    /// <summary>1-based line of the first occurrence of <paramref name="text"/> after <paramref name="anchor"/>.</summary>
    public int LineOf(string? anchor, string text)
    {
        var start = anchor is null ? 0 : _text.IndexOf(anchor, StringComparison.Ordinal);
        var at = _text.IndexOf(text, start, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"'{text}' not in the config after '{anchor}'");
        return LineAt(at);
    }

    public string Write()
    {
        File.WriteAllText(Path, _text);
        return Path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private int LineAt(int index) => 1 + _text.AsSpan(0, index).Count('\n');
}
