namespace HumanoidRl.Core.Observation.Terms;

/// <summary>last_action: The previous policy action (joint count), normalized.</summary>
internal sealed class LastActionTerm : ObservationTermKind
{
    public override string Name => "last_action";

    public override int Size(int jointCount) => jointCount;

    public override void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values)
    {
        for (var j = 0; j < values.Length; j++) values[j] = input.LastAction[j];
    }
}
