using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Core.Tests.Observation;

public sealed class ObservationBuilderTests
{
    private const int JointCount = 2;
    private static readonly double[] DefaultPoseRad = [0.1, -0.5];

    private static SensorFrame Frame(double gyroX = 0.4, double jointRad = 0.3)
    {
        var frame = new SensorFrame(JointCount);
        frame.GyroRadPerS[0] = gyroX;
        frame.GyroRadPerS[1] = -0.8;
        frame.GyroRadPerS[2] = 1.2;
        // Rolled +90 degrees about x, and not normalized: the builder normalizes.
        var half = System.Math.Sqrt(0.5);
        double[] quaternion = [2 * half, 2 * half, 0, 0];
        quaternion.CopyTo(frame.ImuQuaternion, 0);
        frame.JointPositionRad[0] = jointRad;
        frame.JointPositionRad[1] = -0.25;
        frame.JointVelocityRadPerS[0] = 2.0;
        frame.JointVelocityRadPerS[1] = -4.0;
        return frame;
    }

    private static ObservationBuilder Builder(int historyLength = 1, params ObservationTerm[] terms) =>
        new(new ObservationLayout(terms, JointCount, historyLength), DefaultPoseRad);

    private static float[] Build(ObservationBuilder builder, SensorFrame frame, double phaseRad = 0.0, Random? noise = null)
    {
        var output = new float[builder.Layout.Size];
        builder.Build(new ObservationInput(frame, [0.5f, -0.25f], [0.7f, -0.2f, 0.9f], phaseRad), output, noise);
        return output;
    }

    [Fact]
    public void Build_writes_each_term_in_layout_order_scaled_and_joint_positions_relative_to_the_default_pose()
    {
        var builder = Builder(1,
            new ObservationTerm(ObservationTermKind.Gyro, Scale: 0.25),
            new ObservationTerm(ObservationTermKind.ProjectedGravity),
            new ObservationTerm(ObservationTermKind.RollPitch),
            new ObservationTerm(ObservationTermKind.Command),
            new ObservationTerm(ObservationTermKind.JointPositions),
            new ObservationTerm(ObservationTermKind.JointVelocities, Scale: 0.05),
            new ObservationTerm(ObservationTermKind.LastAction),
            new ObservationTerm(ObservationTermKind.PhaseClock));

        var observation = Build(builder, Frame(), phaseRad: System.Math.PI / 6);

        double[] expected =
        [
            0.1, -0.2, 0.3,             // gyro x 0.25
            0, -1, 0,                   // gravity seen from a body rolled +90 degrees about x
            System.Math.PI / 2, 0,             // roll, pitch
            0.7, -0.2, 0.9,             // command
            0.2, 0.25,                  // joint positions minus the default pose
            0.1, -0.2,                  // joint velocities x 0.05
            0.5, -0.25,                 // last action
            0.5, System.Math.Sqrt(3) / 2,      // sin, cos of the phase
        ];
        Assert.Equal(expected.Length, observation.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(System.Math.Abs(expected[i] - observation[i]) < 1e-6, $"element {i}: expected {expected[i]}, got {observation[i]}");
    }

    [Fact]
    public void Build_clips_each_term_to_its_clip_after_scaling()
    {
        var builder = Builder(1,
            new ObservationTerm(ObservationTermKind.Gyro, Scale: 2.0, Clip: 1.0),
            new ObservationTerm(ObservationTermKind.JointVelocities, Clip: 3.0));

        var observation = Build(builder, Frame(gyroX: 0.4));

        Assert.Equal([0.8f, -1f, 1f, 2f, -3f], observation);
    }

    [Fact]
    public void The_first_frame_fills_every_history_slot_and_later_frames_shift_in_newest_first()
    {
        var builder = Builder(3, new ObservationTerm(ObservationTermKind.JointPositions));

        var first = Build(builder, Frame(jointRad: 1.1));
        var second = Build(builder, Frame(jointRad: 2.1));
        var third = Build(builder, Frame(jointRad: 3.1));
        var fourth = Build(builder, Frame(jointRad: 4.1));

        Assert.Equal([1f, 0.25f, 1f, 0.25f, 1f, 0.25f], first);
        Assert.Equal([2f, 0.25f, 1f, 0.25f, 1f, 0.25f], second);
        Assert.Equal([3f, 0.25f, 2f, 0.25f, 1f, 0.25f], third);
        Assert.Equal([4f, 0.25f, 3f, 0.25f, 2f, 0.25f], fourth);
    }

    [Fact]
    public void Reset_forgets_the_history_so_the_next_frame_fills_every_slot_again()
    {
        var builder = Builder(2, new ObservationTerm(ObservationTermKind.JointPositions));
        Build(builder, Frame(jointRad: 1.1));
        Build(builder, Frame(jointRad: 2.1));

        builder.Reset();
        var afterReset = Build(builder, Frame(jointRad: 5.1));

        Assert.Equal([5f, 0.25f, 5f, 0.25f], afterReset);
    }

    [Fact]
    public void Noise_is_added_only_with_a_source_and_stays_within_the_term_amplitude()
    {
        var builder = Builder(1, new ObservationTerm(ObservationTermKind.Gyro, NoiseAmplitude: 0.05));
        var clean = Build(builder, Frame());
        Assert.Equal([0.4f, -0.8f, 1.2f], clean);

        var noise = new Random(3);
        var deviations = new List<double>();
        for (var draw = 0; draw < 200; draw++)
        {
            var noisy = Build(builder, Frame(), noise: noise);
            deviations.AddRange(noisy.Select((value, i) => (double)value - clean[i]));
        }

        Assert.All(deviations, d => Assert.InRange(d, -0.05 - 1e-6, 0.05 + 1e-6));
        Assert.True(deviations.Max() > 0.04 && deviations.Min() < -0.04, "uniform noise should reach near both ends of +-0.05");
    }

    [Fact]
    public void Build_refuses_an_output_buffer_of_the_wrong_size_naming_both_sizes()
    {
        var builder = Builder(2, new ObservationTerm(ObservationTermKind.Gyro));

        var error = Assert.Throws<ArgumentException>(() =>
            builder.Build(new ObservationInput(Frame(), [0f, 0f], [0f, 0f, 0f], 0), new float[3]));

        Assert.Contains("holds 3 floats", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_constructor_refuses_a_default_pose_for_another_joint_count()
    {
        var layout = new ObservationLayout([new ObservationTerm(ObservationTermKind.JointPositions)], JointCount);

        var error = Assert.Throws<ArgumentException>(() => new ObservationBuilder(layout, [0.0, 0.0, 0.0]));

        Assert.Contains("3 angles", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 joints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_allocates_nothing_once_warm()
    {
        var builder = Builder(4,
            new ObservationTerm(ObservationTermKind.Gyro, NoiseAmplitude: 0.05),
            new ObservationTerm(ObservationTermKind.ProjectedGravity),
            new ObservationTerm(ObservationTermKind.JointPositions),
            new ObservationTerm(ObservationTermKind.PhaseClock));
        var frame = Frame();
        var output = new float[builder.Layout.Size];
        float[] lastAction = [0f, 0f];
        float[] command = [0.5f, 0f, 0f];
        var noise = new Random(1);
        builder.Build(new ObservationInput(frame, lastAction, command, 0), output, noise);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var tick = 0; tick < 1000; tick++)
            builder.Build(new ObservationInput(frame, lastAction, command, tick * 0.01), output, noise);
        var allocatedBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocatedBytes);
    }
}
