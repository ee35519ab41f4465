using System.Globalization;

namespace HumanoidRl.Daemon.Config;

/// <summary>Collects every problem in one daemon config as "file:line: field: problem (expected ...[, got ...])".</summary>
internal sealed class ConfigProblems(string file)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(long line, string field, string problem, string expected, string? got = null) =>
        _errors.Add(got is null
            ? $"{file}:{line}: {field}: {problem} (expected {expected})"
            : $"{file}:{line}: {field}: {problem} (expected {expected}, got {got})");

    public static string Describe(object? value) => value switch
    {
        null => "nothing",
        string text => $"'{text}'",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "nothing",
    };
}
