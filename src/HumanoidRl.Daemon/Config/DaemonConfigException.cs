namespace HumanoidRl.Daemon.Config;

/// <summary>
/// A daemon config that cannot be used. <see cref="Errors"/> lists every problem, each as
/// "file:line: field: problem (expected ...)"; the message holds them all, one per line.
/// </summary>
public sealed class DaemonConfigException : Exception
{
    public DaemonConfigException() => Errors = [];

    public DaemonConfigException(string message) : base(message) => Errors = [message];

    public DaemonConfigException(string message, Exception inner) : base(message, inner) => Errors = [message];

    public DaemonConfigException(string file, IReadOnlyList<string> errors)
        : base(Describe(file, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }

    private static string Describe(string file, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var count = errors.Count == 1 ? "1 problem" : $"{errors.Count} problems";
        return $"{file}: invalid daemon config, {count}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
    }
}
