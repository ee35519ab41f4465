namespace HumanoidRl.Cli.Doctor;

/// <summary>Which machine the checks are for: a training workstation, a robot computer, or both.</summary>
public enum DoctorRole
{
    Train,
    Daemon,
    All,
}

/// <summary>The outcome of one check; Detail ends with the command that fixes a failure.</summary>
public sealed record DoctorCheck(string Name, bool Ok, bool Required, string Detail);

/// <summary>A check and the roles for which its failure makes doctor fail.</summary>
internal sealed record DoctorProbe(string Name, DoctorRole[] RequiredFor, Func<ProbeResult> Run)
{
    public DoctorCheck Execute(DoctorRole role)
    {
        var required = role == DoctorRole.All ? RequiredFor.Length > 0 : RequiredFor.Contains(role);
        ProbeResult result;
        try
        {
            result = Run();
        }
#pragma warning disable CA1031 // A failing probe is a report, never a crash of doctor itself.
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = ProbeResult.Fail($"{Innermost(e).GetType().Name}: {Innermost(e).Message}");
        }
        return new DoctorCheck(Name, result.Ok, required, result.Detail);
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}

/// <summary>What a probe found.</summary>
internal readonly record struct ProbeResult(bool Ok, string Detail)
{
    public static ProbeResult Pass(string detail) => new(true, detail);

    public static ProbeResult Fail(string detail) => new(false, detail);
}
