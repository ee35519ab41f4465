namespace HumanoidRl.Core.Observation.Terms;

/// <summary>command: Velocity command vx, vy (m/s), yaw rate (rad/s) (3).</summary>
internal sealed class CommandTerm : ObservationTermKind
{
    public override string Name => "command";

    public override int Size(int jointCount) => 3;

    public override void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values)
    {
        for (var j = 0; j < 3; j++) values[j] = input.Command[j];
    }
}
