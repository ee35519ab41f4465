namespace HumanoidRl.Core.Observation.Terms;

/// <summary>joint_positions: Joint positions minus the default pose (joint count), rad.</summary>
internal sealed class JointPositionsTerm : ObservationTermKind
{
    public override string Name => "joint_positions";

    public override int Size(int jointCount) => jointCount;

    public override void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values)
    {
        for (var j = 0; j < values.Length; j++) values[j] = input.Frame.JointPositionRad[j] - defaultJointAngleRad[j];
    }
}
