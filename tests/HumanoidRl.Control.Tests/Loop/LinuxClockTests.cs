using HumanoidRl.Control.Loop;

namespace HumanoidRl.Control.Tests.Loop;

public sealed class LinuxClockTests
{
    [Fact]
    public void The_monotonic_clock_never_goes_back()
    {
        var previous = LinuxClock.NowNs();
        for (var i = 0; i < 10_000; i++)
        {
            var now = LinuxClock.NowNs();
            Assert.True(now >= previous, $"clock went back from {previous} to {now} ns");
            previous = now;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Waiting_for_a_deadline_by_sleep_or_spin_never_returns_before_it(bool spin)
    {
        for (var i = 0; i < 20; i++)
        {
            var deadlineNs = LinuxClock.NowNs() + 200_000;
            if (spin) LinuxClock.SpinUntilNs(deadlineNs);
            else LinuxClock.SleepUntilNs(deadlineNs);
            Assert.True(LinuxClock.NowNs() >= deadlineNs);
        }
    }
}
