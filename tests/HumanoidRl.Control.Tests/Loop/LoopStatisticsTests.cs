using HumanoidRl.Control.Loop;

namespace HumanoidRl.Control.Tests.Loop;

public sealed class LoopStatisticsTests
{
    [Fact]
    public void A_tick_is_counted_with_its_jitter_and_its_time_split_into_backend_and_compute()
    {
        var statistics = new LoopStatistics();
        statistics.Phases.StartTick(1_000_000);
        statistics.Phases.EnterBackend(1_000_000);
        statistics.Phases.ExitBackend(1_300_000);

        statistics.EndTick(lateNs: 20_000, nowNs: 1_500_000);

        Assert.Equal(1, statistics.Ticks);
        Assert.Equal(1, statistics.CurrentTick);
        Assert.Equal(20, statistics.Jitter.MaxUs);
        Assert.Equal(300, statistics.Backend.MaxUs);
        Assert.Equal(200, statistics.Compute.MaxUs);
    }

    [Fact]
    public void Warm_ups_past_the_deadline_and_repeats_are_counted_and_a_skipped_one_counts_nothing()
    {
        var statistics = new LoopStatistics();

        statistics.Record(new PrewarmOutcome(PastDeadline: true, Repeats: 0, RepeatsPastDeadline: false));
        statistics.Record(new PrewarmOutcome(PastDeadline: false, Repeats: 5, RepeatsPastDeadline: true));
        statistics.Record(PrewarmOutcome.Skipped);

        Assert.Equal((1, 5, 1), (statistics.PrewarmsPastDeadline, statistics.PrewarmRepeats, statistics.PrewarmRepeatsPastDeadline));
    }

    [Fact]
    public void Reset_clears_the_histograms_and_the_allocation_count_but_not_the_ticks()
    {
        var statistics = new LoopStatistics();
        statistics.Phases.StartTick(0);
        _ = new byte[1000];
        statistics.EndTick(lateNs: 50_000, nowNs: 100_000);
        Assert.True(statistics.AllocatedBytesSinceReset > 0, "the test thread's allocations were not counted");

        statistics.Reset();

        Assert.Equal((0, 0, 0), (statistics.Jitter.Count, statistics.Compute.Count, statistics.Backend.Count));
        Assert.Equal(0, statistics.AllocatedBytesSinceReset);
        Assert.Equal(1, statistics.Ticks);
    }
}
