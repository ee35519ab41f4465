using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Tests.Safety;

public sealed class SafetyLayerTests
{
    private static readonly SafetyThresholds Limits = new(
        FallRollRad: 0.8, FallPitchRad: 0.9, MinBaseHeightM: 0.4, MaxSensorAgeNs: 10_000_000, MaxConsecutiveBackendErrors: 3,
        SoftStartS: 0.5);

    private static SafetyLayer TwoJoints() => new(Limits, [-1.0, -0.5], [1.0, 0.5], [10.0, 5.0]);

    [Fact]
    public void Upright_fresh_sensors_raise_nothing()
    {
        var frame = new SensorFrame(2) { TimestampNs = 1_000 };
        Assert.False(TwoJoints().CheckSensors(frame, 0.1, -0.1, 0.8, 2_000, out _));
    }

    [Theory]
    [InlineData(0.81, 0.0, 0.8, 0)]
    [InlineData(0.0, -0.95, 0.8, 1)]
    [InlineData(0.0, 0.0, 0.3, 2)]
    [InlineData(double.NaN, 0.0, 0.8, 0)]
    public void Roll_pitch_or_height_beyond_the_thresholds_is_a_fall(double roll, double pitch, double height, int index)
    {
        var frame = new SensorFrame(2) { TimestampNs = 1_000 };

        Assert.True(TwoJoints().CheckSensors(frame, roll, pitch, height, 2_000, out var fault));
        Assert.Equal(FaultKind.Fall, fault.Kind);
        Assert.Equal(index, fault.Index);
        Assert.StartsWith("fall:", fault.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sensor_data_older_than_the_bound_is_stale()
    {
        var frame = new SensorFrame(2) { TimestampNs = 0 };

        Assert.True(TwoJoints().CheckSensors(frame, 0, 0, 0.8, 10_000_001, out var fault));
        Assert.Equal(FaultKind.StaleSensors, fault.Kind);
        Assert.Contains("ms old", fault.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Backend_fault_only_after_more_than_the_allowed_consecutive_failures()
    {
        var safety = TwoJoints();
        for (var i = 0; i < 3; i++) Assert.False(safety.CheckBackend(false, i, out _));
        Assert.False(safety.CheckBackend(true, 3, out _));
        for (var i = 0; i < 3; i++) Assert.False(safety.CheckBackend(false, 4 + i, out _));

        Assert.True(safety.CheckBackend(false, 10, out var fault));
        Assert.Equal(FaultKind.BackendFailure, fault.Kind);
    }

    [Fact]
    public void Non_finite_policy_output_is_a_fault_naming_the_index()
    {
        Assert.False(SafetyLayer.CheckPolicyOutput([0.1f, -1f], 0, out _));
        Assert.True(SafetyLayer.CheckPolicyOutput([0.1f, float.NaN], 0, out var fault));
        Assert.Equal(1, fault.Index);
        Assert.Equal(FaultKind.PolicyNotFinite, fault.Kind);
    }

    [Fact]
    public void Torques_are_clamped_and_never_push_a_joint_further_past_its_limit()
    {
        var safety = TwoJoints();
        double[] torque = [25.0, double.PositiveInfinity];
        safety.Clamp(torque, [0.0, 0.0]);
        Assert.Equal([10.0, 0.0], torque);

        double[] outward = [3.0, -2.0];
        safety.Clamp(outward, [1.2, -0.6]);
        Assert.Equal([0.0, 0.0], outward);

        double[] inward = [-3.0, 2.0];
        safety.Clamp(inward, [1.2, -0.6]);
        Assert.Equal([-3.0, 2.0], inward);
    }

    [Fact]
    public void Soft_start_ramps_the_policy_weight_from_zero_to_one()
    {
        var safety = TwoJoints();
        Assert.Equal(0.0, safety.SoftStartWeight(0));
        Assert.Equal(0.5, safety.SoftStartWeight(0.25), precision: 12);
        Assert.Equal(1.0, safety.SoftStartWeight(3));
    }
}
