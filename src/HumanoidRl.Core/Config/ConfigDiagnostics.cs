using System.Globalization;

namespace HumanoidRl.Core.Config;

/// <summary>A value read from the YAML with the line and dotted field path it came from.</summary>
/// <param name="IsPresent">False when the field was missing or mistyped (already reported); Value is then default.</param>
public readonly record struct Located<T>(T Value, long Line, string Path, bool IsPresent)
{
    public static Located<T> Absent(long line, string path) => new(default!, line, path, false);
}

/// <summary>Collects every problem in one config file as "file:line: field: problem (expected ...[, got ...])".</summary>
public sealed class ConfigDiagnostics(string file)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(long line, string field, string problem, string expected, string? got = null) =>
        _errors.Add(got is null
            ? $"{file}:{line}: {field}: {problem} (expected {expected})"
            : $"{file}:{line}: {field}: {problem} (expected {expected}, got {got})");

    /// <summary>Reports a present field that breaks a rule; absent fields were reported when they were read.</summary>
    public void Require<T>(Located<T> field, bool ok, string problem, string expected)
    {
        if (field.IsPresent && !ok) Add(field.Line, field.Path, problem, expected, Describe(field.Value));
    }

    public static string Describe(object? value) => value switch
    {
        null => "nothing",
        string text => $"'{text}'",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "nothing",
    };
}
