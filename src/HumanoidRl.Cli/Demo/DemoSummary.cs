using System.Globalization;

namespace HumanoidRl.Cli.Demo;

/// <summary>A fault seen during the demo, at its time since the policy took over.</summary>
internal sealed record DemoFault(double AtS, string InMode, string Reason);

/// <summary>What a demo run amounted to.</summary>
/// <param name="PolicySeconds">Time in Policy mode before the first fault (the whole run when none happened).</param>
/// <param name="PolicyFaulted">A fault ended Policy mode within the run (the robot fell or the policy misbehaved).</param>
/// <param name="MaxAbsRollRad">Largest |roll| while in Policy before the first fault.</param>
/// <param name="MaxAbsPitchRad">Largest |pitch| while in Policy before the first fault.</param>
internal sealed record DemoSummary(
    string PolicyPath,
    double RunSeconds,
    double PolicySeconds,
    bool PolicyFaulted,
    IReadOnlyList<DemoFault> Faults,
    double MaxAbsRollRad,
    double MaxAbsPitchRad,
    long JitterP50Us,
    long JitterP99Us,
    long Overruns,
    bool Pushes)
{
    /// <summary>0 when the policy kept the robot up for the whole run, 1 when it fell (or faulted) within it.</summary>
    public int ExitCode => PolicyFaulted ? 1 : 0;

    public IEnumerable<string> Lines()
    {
        yield return Invariant($"policy: {PolicyPath}");
        yield return Invariant($"pushes: {(Pushes ? "on" : "off")}");
        yield return Invariant($"time in Policy before any fault: {PolicySeconds:F2} s of {RunSeconds:F2} s");
        yield return Invariant($"max |roll|: {MaxAbsRollRad:F3} rad, max |pitch|: {MaxAbsPitchRad:F3} rad");
        yield return Invariant($"loop jitter p50: {JitterP50Us} us, p99: {JitterP99Us} us, overruns: {Overruns}");
        yield return Invariant($"faults: {Faults.Count}");
        foreach (var fault in Faults) yield return Invariant($"  at {fault.AtS:F2} s in {fault.InMode}: {fault.Reason}");
        yield return PolicyFaulted ? "result: FELL (exit 1)" : "result: stayed up (exit 0)";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
