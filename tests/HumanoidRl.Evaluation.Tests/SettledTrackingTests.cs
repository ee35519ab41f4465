namespace HumanoidRl.Evaluation.Tests;

public sealed class SettledTrackingTests
{
    private const double SettleS = 1.0;
    private const double DtS = 0.008;
    private const int SettleSamples = 125;

    [Fact]
    public void The_response_to_a_new_command_is_left_out_and_the_held_error_counts_in_full()
    {
        var tracking = new SettledTracking(1, SettleS, DtS);
        float[] command = [1f, 0.2f, 0.5f];

        // A second of acceleration from standing, then 0.1 m/s short of the command and 0.2 rad/s off in yaw.
        for (var k = 0; k < SettleSamples; k++) tracking.Add(0, command, k / (double)SettleSamples, 0, 0);
        for (var k = 0; k < 3 * SettleSamples; k++) tracking.Add(0, command, 0.9, 0.2, 0.3);

        Assert.Equal(0.1, tracking.LinearVelocityErrorRms, 9);
        Assert.Equal(0.2, tracking.YawRateErrorRms, 6);
        Assert.Equal(0.75, tracking.SettledFraction, 9);
    }

    [Fact]
    public void The_linear_error_splits_into_forward_and_lateral_parts_whose_squares_add_up()
    {
        var tracking = new SettledTracking(1, 0, DtS);
        float[] command = [0.5f, 0f, 0f];

        // 0.3 m/s short forward and a sway of +-0.4 m/s sideways.
        for (var k = 0; k < 100; k++) tracking.Add(0, command, 0.2, k % 2 == 0 ? 0.4 : -0.4, 0);

        Assert.Equal(0.3, tracking.ForwardVelocityErrorRms, 9);
        Assert.Equal(0.4, tracking.LateralVelocityErrorRms, 9);
        Assert.Equal(0.5, tracking.LinearVelocityErrorRms, 9);
    }

    [Fact]
    public void A_command_change_starts_a_new_settling_time()
    {
        var tracking = new SettledTracking(1, SettleS, DtS);
        float[] first = [0.5f, 0f, 0f];
        float[] second = [-0.5f, 0f, 0f];

        for (var k = 0; k < 2 * SettleSamples; k++) tracking.Add(0, first, 0.5, 0, 0);
        // Still walking forward for a second after the command reversed: not counted.
        for (var k = 0; k < SettleSamples; k++) tracking.Add(0, second, 0.5, 0, 0);
        Assert.Equal(0, tracking.LinearVelocityErrorRms, 9);

        tracking.Add(0, second, 0.5, 0, 0);
        Assert.True(tracking.LinearVelocityErrorRms > 0.01,
            $"a sample a full second after the change did not count: {tracking.LinearVelocityErrorRms}");
    }

    [Fact]
    public void Episodes_settle_on_their_own_commands()
    {
        var tracking = new SettledTracking(2, SettleS, DtS);
        float[] standing = [0f, 0f, 0f];
        float[] walking = [1f, 0f, 0f];

        // Interleaved: episode 1's new command must not restart episode 0's settling time.
        for (var k = 0; k < 2 * SettleSamples; k++)
        {
            tracking.Add(0, standing, 0.3, 0, 0);
            tracking.Add(1, k < SettleSamples ? standing : walking, 0, 0, 0);
        }

        // Settled: episode 0 for its second second (0.3 off), episode 1 for none (its command changed at 1 s).
        Assert.Equal(0.3, tracking.LinearVelocityErrorRms, 9);
        Assert.Equal(0.25, tracking.SettledFraction, 9);
    }

    [Fact]
    public void A_negative_settling_time_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SettledTracking(1, -1, DtS));

        Assert.Contains("expected settle >= 0 and dt > 0", error.Message, StringComparison.Ordinal);
    }
}
