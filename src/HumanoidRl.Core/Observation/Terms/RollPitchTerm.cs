using HumanoidRl.Core.Geometry;

namespace HumanoidRl.Core.Observation.Terms;

/// <summary>roll_pitch: Roll and pitch of the IMU frame (2), rad.</summary>
internal sealed class RollPitchTerm : ObservationTermKind
{
    public override string Name => "roll_pitch";

    public override int Size(int jointCount) => 2;

    public override void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values)
    {
        var attitude = Quat.FromSpan(input.Frame.ImuQuaternion).Normalized().ToRollPitchYaw();
        values[0] = attitude.RollRad;
        values[1] = attitude.PitchRad;
    }
}
