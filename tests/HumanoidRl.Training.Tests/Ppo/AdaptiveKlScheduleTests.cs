using HumanoidRl.Training.Ppo;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class AdaptiveKlScheduleTests
{
    private const double DesiredKl = 0.01;

    [Theory]
    [InlineData(0.03, 1e-3 / 1.5)] // above twice the target: slow down
    [InlineData(0.02, 1e-3)] // exactly twice the target: keep
    [InlineData(0.01, 1e-3)] // on target: keep
    [InlineData(0.005, 1e-3)] // exactly half the target: keep
    [InlineData(0.004, 1e-3 * 1.5)] // below half the target: speed up
    [InlineData(0.0, 1e-3)] // no measurable change: keep
    public void Learning_rate_follows_the_kl_rule(double kl, double expected)
    {
        Assert.Equal(expected, AdaptiveKlSchedule.Next(1e-3, kl, DesiredKl, 1e-5, 1e-2), 12);
    }

    [Fact]
    public void Learning_rate_is_clamped_to_the_configured_range()
    {
        Assert.Equal(1e-2, AdaptiveKlSchedule.Next(9e-3, 0.001, DesiredKl, 1e-5, 1e-2));
        Assert.Equal(1e-5, AdaptiveKlSchedule.Next(1.2e-5, 0.5, DesiredKl, 1e-5, 1e-2));
    }
}
