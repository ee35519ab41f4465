using HumanoidRl.Control.Loop;

namespace HumanoidRl.Control.Tests.Loop;

public sealed class DeadlineTimerTests
{
    [Fact]
    public void Deadlines_advance_by_exactly_one_period_when_on_time()
    {
        var timer = new DeadlineTimer(2_000_000);
        timer.Start(0);
        timer.Advance(2_100_000);

        Assert.Equal(4_000_000, timer.NextDeadlineNs);
        Assert.Equal(0, timer.Overruns);
    }

    [Fact]
    public void Late_wake_up_counts_and_skips_every_missed_tick()
    {
        var timer = new DeadlineTimer(2_000_000);
        timer.Start(0);
        // Woke for the 2 ms deadline at 9.5 ms: the 4, 6 and 8 ms ticks were missed.
        timer.Advance(9_500_000);

        Assert.Equal(3, timer.Overruns);
        Assert.Equal(10_000_000, timer.NextDeadlineNs);
    }

    [Fact]
    public void Real_sleep_wakes_at_or_after_each_absolute_deadline()
    {
        var timer = new DeadlineTimer(1_000_000);
        timer.Start(LinuxClock.NowNs());
        for (var i = 0; i < 20; i++)
        {
            var deadline = timer.NextDeadlineNs;
            var lateNs = timer.WaitNext();
            Assert.True(lateNs >= 0, $"woke {-lateNs} ns before the deadline {deadline}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500_000)]
    [InlineData(2_000_000)]
    public void Waiting_for_a_lead_before_the_deadline_returns_at_or_after_it_and_leaves_the_deadline_in_place(long spinNs)
    {
        var timer = new DeadlineTimer(2_000_000, spinNs);
        timer.Start(LinuxClock.NowNs());
        for (var i = 0; i < 10; i++)
        {
            var deadline = timer.NextDeadlineNs;
            timer.WaitUntilBeforeDeadline(300_000);

            var now = LinuxClock.NowNs();
            Assert.True(now >= deadline - 300_000, $"returned {deadline - 300_000 - now} ns before the lead");
            Assert.Equal(deadline, timer.NextDeadlineNs);
            timer.WaitNext();
        }
    }
}

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_come_from_the_recorded_distribution()
    {
        var histogram = new LatencyHistogram(rangeUs: 1000);
        for (var us = 1; us <= 100; us++) histogram.Record(us * 1000L);

        Assert.Equal(100, histogram.Count);
        Assert.Equal(50, histogram.PercentileUs(0.5));
        Assert.Equal(99, histogram.PercentileUs(0.99));
        Assert.Equal(100, histogram.MaxUs);
    }

    [Fact]
    public void Values_beyond_the_range_report_the_true_maximum()
    {
        var histogram = new LatencyHistogram(rangeUs: 10);
        histogram.Record(5_000);
        histogram.Record(50_000_000);

        Assert.Equal(50_000, histogram.PercentileUs(1.0));
    }
}
