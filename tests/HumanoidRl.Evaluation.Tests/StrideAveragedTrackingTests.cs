namespace HumanoidRl.Evaluation.Tests;

public sealed class StrideAveragedTrackingTests
{
    private const double StrideS = 0.8;
    private const double DtS = 0.008;
    private const int SamplesPerStride = 100;

    [Fact]
    public void Sway_and_yaw_wobble_at_the_stride_period_average_out()
    {
        var tracking = new StrideAveragedTracking(1, StrideS, DtS);
        float[] command = [0.5f, 0f, 0.25f];

        for (var k = 0; k < 5 * SamplesPerStride; k++)
        {
            var phase = 2 * Math.PI * k / SamplesPerStride;
            tracking.Add(0, command, 0.5 + (0.1 * Math.Cos(phase)), 0.2 * Math.Sin(phase), 0.25 + (0.3 * Math.Sin(phase)));
        }

        Assert.InRange(tracking.LinearVelocityErrorRms, 0, 1e-9);
        Assert.InRange(tracking.YawRateErrorRms, 0, 1e-9);
    }

    [Fact]
    public void A_steady_offset_counts_in_full()
    {
        var tracking = new StrideAveragedTracking(1, StrideS, DtS);
        float[] command = [0.5f, 0.1f, -0.4f];

        for (var k = 0; k < 3 * SamplesPerStride; k++) tracking.Add(0, command, 0.3, 0.0, -0.1);

        Assert.Equal(Math.Sqrt((0.2 * 0.2) + (0.1 * 0.1)), tracking.LinearVelocityErrorRms, 6);
        Assert.Equal(0.3, tracking.YawRateErrorRms, 6);
    }

    [Fact]
    public void A_slow_response_to_a_command_change_counts()
    {
        var tracking = new StrideAveragedTracking(1, StrideS, DtS);
        float[] standing = [0f, 0f, 0f];
        float[] walking = [1f, 0f, 0f];

        for (var k = 0; k < SamplesPerStride; k++) tracking.Add(0, standing, 0, 0, 0);
        // The robot only starts a full stride after the command changed.
        for (var k = 0; k < SamplesPerStride; k++) tracking.Add(0, walking, 0, 0, 0);
        for (var k = 0; k < SamplesPerStride; k++) tracking.Add(0, walking, 1, 0, 0);

        Assert.True(tracking.LinearVelocityErrorRms > 0.4, $"lag error {tracking.LinearVelocityErrorRms}");
        Assert.Equal(0, tracking.YawRateErrorRms, 9);
    }

    [Fact]
    public void Nothing_counts_before_the_first_full_stride_and_episodes_keep_their_own_windows()
    {
        var tracking = new StrideAveragedTracking(2, StrideS, DtS);
        float[] command = [0f, 0f, 0f];

        for (var k = 0; k < SamplesPerStride - 1; k++) tracking.Add(0, command, 1, 0, 0);
        Assert.Equal(0, tracking.LinearVelocityErrorRms);

        // Interleaved: episode 0 is 1 m/s off for one full window, episode 1 is exactly on its command.
        tracking.Add(0, command, 1, 0, 0);
        for (var k = 0; k < SamplesPerStride; k++) tracking.Add(1, command, 0, 0, 0);

        Assert.Equal(Math.Sqrt(0.5), tracking.LinearVelocityErrorRms, 9);
    }

    [Fact]
    public void A_stride_shorter_than_one_sample_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StrideAveragedTracking(1, 0.001, DtS));

        Assert.Contains("expected a stride of at least one sample", error.Message, StringComparison.Ordinal);
    }
}
