using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Core.Tests.Observation;

public sealed class ObservationTermKindTests
{
    /// <summary>A kind defined outside the product: the first joint's velocity squared.</summary>
    private sealed class FirstJointSpeedSquared : ObservationTermKind
    {
        public override string Name => "first_joint_speed_squared";

        public override int Size(int jointCount) => 1;

        public override void Measure(in ObservationInput input, ReadOnlySpan<double> defaultJointAngleRad, Span<double> values) =>
            values[0] = input.Frame.JointVelocityRadPerS[0] * input.Frame.JointVelocityRadPerS[0];
    }

    [Fact]
    public void A_kind_defined_elsewhere_is_measured_scaled_and_clipped_in_layout_order()
    {
        var layout = new ObservationLayout(
            [new ObservationTerm(ObservationTermKind.Gyro), new ObservationTerm(new FirstJointSpeedSquared(), Scale: 0.5, Clip: 1.5)],
            jointCount: 2);
        var builder = new ObservationBuilder(layout, [0.0, 0.0]);
        var frame = new SensorFrame(2);
        frame.GyroRadPerS[0] = 0.25;
        frame.JointVelocityRadPerS[0] = 1.5;
        var output = new float[layout.Size];

        builder.Build(new ObservationInput(frame, [0f, 0f], [0f, 0f, 0f], 0.0), output);

        Assert.Equal([0.25f, 0f, 0f, 1.125f], output);
        Assert.Equal("gyro:3:1:100;first_joint_speed_squared:1:0.5:1.5|history:1", layout.Describe());
    }

    [Fact]
    public void Contract_names_parse_to_the_built_in_kinds_and_unknown_ones_name_the_choices()
    {
        Assert.Same(ObservationTermKind.PhaseClock, ObservationTermKind.Parse("phase_clock"));
        var error = Assert.Throws<FormatException>(() => ObservationTermKind.Parse("wobble"));
        Assert.Contains("gyro, projected_gravity, roll_pitch, joint_positions, joint_velocities, last_action, command, phase_clock",
            error.Message, StringComparison.Ordinal);
    }
}
