namespace HumanoidRl.Core.Observation.Terms;

/// <summary>joint_velocities: Joint velocities (joint count), rad/s.</summary>
internal sealed class JointVelocitiesTerm : ObservationTermKind
{
    public override string Name => "joint_velocities";

    public override int Size(int jointCount) => jointCount;

    public override void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values)
    {
        input.Frame.JointVelocityRadPerS.CopyTo(values);
    }
}
