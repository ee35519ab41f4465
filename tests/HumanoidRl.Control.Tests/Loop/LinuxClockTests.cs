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

    [Fact]
    public void Sleeping_until_a_deadline_never_returns_before_it()
    {
        for (var i = 0; i < 20; i++)
        {
            var deadlineNs = LinuxClock.NowNs() + 300_000;
            LinuxClock.SleepUntilNs(deadlineNs);
            Assert.True(LinuxClock.NowNs() >= deadlineNs);
        }
    }

    [Fact]
    public void Spinning_until_a_deadline_never_returns_before_it()
    {
        for (var i = 0; i < 20; i++)
        {
            var deadlineNs = LinuxClock.NowNs() + 100_000;
            LinuxClock.SpinUntilNs(deadlineNs);
            Assert.True(LinuxClock.NowNs() >= deadlineNs);
        }
    }
}
