using HumanoidRl.Core.Geometry;

namespace HumanoidRl.Core.Observation.Terms;

/// <summary>projected_gravity: Gravity direction in the IMU frame (3), unit vector.</summary>
internal sealed class ProjectedGravityTerm : ObservationTermKind
{
    public override string Name => "projected_gravity";

    public override int Size(int jointCount) => 3;

    public override void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values)
    {
        var gravity = Quat.FromSpan(input.Frame.ImuQuaternion).Normalized().ProjectedGravity();
        values[0] = gravity.X;
        values[1] = gravity.Y;
        values[2] = gravity.Z;
    }
}
