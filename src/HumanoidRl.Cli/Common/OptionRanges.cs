using System.CommandLine;
using System.Globalization;

namespace HumanoidRl.Cli.Common;

/// <summary>
/// Range checks on numeric options, made while parsing: an out-of-range value is refused with the option's name, the
/// value and what is expected, before any work starts (instead of failing deep inside, or running on a nonsense value).
/// </summary>
internal static class OptionRanges
{
    /// <summary>Refuses a whole number below <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum, string unit)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result => RefuseBelow(result, option.Name, result.GetValueOrDefault<int>(), minimum, unit));
        return option;
    }

    /// <summary>Refuses a whole number below <paramref name="minimum"/> when the option is given.</summary>
    public static Option<int?> AtLeast(this Option<int?> option, int minimum, string unit)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value) RefuseBelow(result, option.Name, value, minimum, unit);
        });
        return option;
    }

    /// <summary>Refuses zero, negative and non-finite numbers.</summary>
    public static Option<double> Positive(this Option<double> option, string unit)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result => RefuseUnlessPositive(result, option.Name, result.GetValueOrDefault<double>(), unit));
        return option;
    }

    /// <summary>Refuses zero, negative and non-finite numbers when the option is given.</summary>
    public static Option<double?> Positive(this Option<double?> option, string unit)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value) RefuseUnlessPositive(result, option.Name, value, unit);
        });
        return option;
    }

    /// <summary>Refuses a probability outside 0..1.</summary>
    public static Option<double> Probability(this Option<double> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value is >= 0 and <= 1))
                result.AddError(Refusal(option.Name, value.ToString(CultureInfo.InvariantCulture), "a probability from 0 to 1"));
        });
        return option;
    }

    private static void RefuseBelow(System.CommandLine.Parsing.OptionResult result, string name, int value, int minimum, string unit)
    {
        if (value < minimum)
            result.AddError(Refusal(name, value.ToString(CultureInfo.InvariantCulture), $"a number of {unit} >= {minimum}"));
    }

    private static void RefuseUnlessPositive(System.CommandLine.Parsing.OptionResult result, string name, double value, string unit)
    {
        if (!(value > 0 && double.IsFinite(value)))
            result.AddError(Refusal(name, value.ToString(CultureInfo.InvariantCulture), $"a number of {unit} > 0"));
    }

    private static string Refusal(string name, string value, string expected) => $"{name} {value}: expected {expected}.";
}
