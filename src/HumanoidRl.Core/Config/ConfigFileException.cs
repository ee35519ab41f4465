namespace HumanoidRl.Core.Config;

/// <summary>
/// A config file that cannot be used. <see cref="Errors"/> lists every problem found, each as
/// "file:line: field: problem (expected ...)"; the message holds them all, one per line.
/// </summary>
public class ConfigFileException : Exception
{
    public ConfigFileException() => Errors = [];

    public ConfigFileException(string message) : base(message) => Errors = [message];

    public ConfigFileException(string message, Exception inner) : base(message, inner) => Errors = [message];

    public ConfigFileException(string file, string kind, IReadOnlyList<string> errors)
        : base(Describe(file, kind, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }

    private static string Describe(string file, string kind, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var count = errors.Count == 1 ? "1 problem" : $"{errors.Count} problems";
        return $"{file}: invalid {kind}, {count}:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, errors)}";
    }
}
