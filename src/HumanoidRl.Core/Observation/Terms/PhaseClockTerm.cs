namespace HumanoidRl.Core.Observation.Terms;

/// <summary>phase_clock: Gait phase clock sin, cos (2).</summary>
internal sealed class PhaseClockTerm : ObservationTermKind
{
    public override string Name => "phase_clock";

    public override int Size(int jointCount) => 2;

    public override void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values)
    {
        values[0] = System.Math.Sin(input.PhaseRad);
        values[1] = System.Math.Cos(input.PhaseRad);
    }
}
