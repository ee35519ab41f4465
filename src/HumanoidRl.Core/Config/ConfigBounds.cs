using System.Globalization;

namespace HumanoidRl.Core.Config;

/// <summary>
/// The values a numeric config key allows, and how a value outside them is reported: "field: Problem (expected
/// Expected, got value)". Expected defaults to the key's help text. Non-finite values are always outside.
/// </summary>
public sealed record ConfigBounds(double Min, double Max, bool MinIncluded = true, bool MaxIncluded = true)
{
    public string Problem { get; init; } = "out of range";

    /// <summary>The "(expected ...)" text of a value outside; null: the key's help text.</summary>
    public string? Expected { get; init; }

    /// <summary>Greater than 0, reported as "must be > 0 (expected a positive value, got ...)".</summary>
    public static ConfigBounds Positive { get; } =
        new(0, double.PositiveInfinity, MinIncluded: false) { Problem = "must be > 0", Expected = "a positive value" };

    public static ConfigBounds AtLeast(double min) => new(min, double.PositiveInfinity);

    public static ConfigBounds Above(double min) => new(min, double.PositiveInfinity, MinIncluded: false);

    public bool Contains(double value) =>
        double.IsFinite(value)
        && (MinIncluded ? value >= Min : value > Min)
        && (MaxIncluded ? value <= Max : value < Max);

    /// <summary>The bounds in notation: "> 0", ">= 1", "in (0, 1]".</summary>
    public string Notation => double.IsPositiveInfinity(Max)
        ? $"{(MinIncluded ? ">=" : ">")} {Format(Min)}"
        : $"in {(MinIncluded ? '[' : '(')}{Format(Min)}, {Format(Max)}{(MaxIncluded ? ']' : ')')}";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
