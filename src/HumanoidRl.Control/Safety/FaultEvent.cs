using System.Globalization;

namespace HumanoidRl.Control.Safety;

/// <summary>
/// A fault as the loop records it: numbers only, so raising it allocates nothing; readers format it.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Measured">The offending value (rad, m, ns, count; NaN where none applies).</param>
/// <param name="Limit">The threshold it crossed.</param>
/// <param name="Index">Joint or action index where relevant, otherwise -1.</param>
/// <param name="TimestampNs">Monotonic time of detection.</param>
public readonly record struct FaultEvent(FaultKind Kind, double Measured, double Limit, int Index, long TimestampNs)
{
    public string Describe() => Kind switch
    {
        FaultKind.PolicyNotFinite => Format($"policy output {Index} is {Measured} (not finite)"),
        FaultKind.Fall when Index == 0 => Format($"fall: |roll| {Measured:F3} rad > {Limit:F3} rad"),
        FaultKind.Fall when Index == 1 => Format($"fall: |pitch| {Measured:F3} rad > {Limit:F3} rad"),
        FaultKind.Fall => Format($"fall: base height {Measured:F3} m < {Limit:F3} m"),
        FaultKind.BackendFailure => Format($"backend failed {Measured} times in a row (limit {Limit})"),
        FaultKind.StaleSensors => Format($"sensor data {Measured / 1e6:F1} ms old (limit {Limit / 1e6:F1} ms)"),
        FaultKind.LeaseLapsed => Format($"operator heartbeat missing for {Measured / 1e6:F0} ms (window {Limit / 1e6:F0} ms)"),
        FaultKind.EStop => "e-stop requested",
        _ => Kind.ToString(),
    };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
