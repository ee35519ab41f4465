namespace HumanoidRl.Core.Observation.Terms;

/// <summary>gyro: IMU angular velocity (3), rad/s.</summary>
internal sealed class GyroTerm : ObservationTermKind
{
    public override string Name => "gyro";

    public override int Size(int jointCount) => 3;

    public override void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values)
    {
        input.Frame.GyroRadPerS.CopyTo(values);
    }
}
