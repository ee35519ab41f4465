using HumanoidRl.Training.Ppo;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class EpisodeTrackerTests
{
    [Fact]
    public void Finished_episodes_report_return_length_and_fall_rate()
    {
        var tracker = new EpisodeTracker(environmentCount: 2, windowEpisodes: 10);
        tracker.Record([1f, 2f], [0, 0], [0, 0]);
        tracker.Record([1f, 2f], [1, 0], [0, 0]); // env 0 falls after 2 steps, return 2
        tracker.Record([5f, 2f], [0, 0], [0, 1]); // env 1 times out after 3 steps, return 6

        var statistics = tracker.Statistics();

        Assert.Equal(2, statistics.EpisodeCount);
        Assert.Equal(4.0, statistics.MeanReturn);
        Assert.Equal(2.5, statistics.MeanLength);
        Assert.Equal(0.5, statistics.FallRate);
    }

    [Fact]
    public void Only_the_most_recent_window_of_episodes_counts()
    {
        var tracker = new EpisodeTracker(environmentCount: 1, windowEpisodes: 2);
        tracker.Record([10f], [1], [0]);
        tracker.Record([1f], [0], [1]);
        tracker.Record([3f], [0], [1]);

        var statistics = tracker.Statistics();

        Assert.Equal(3, tracker.TotalEpisodes);
        Assert.Equal(2.0, statistics.MeanReturn);
        Assert.Equal(0.0, statistics.FallRate);
    }

    [Fact]
    public void Statistics_are_nan_before_any_episode_finishes()
    {
        var tracker = new EpisodeTracker(environmentCount: 1, windowEpisodes: 5);
        tracker.Record([1f], [0], [0]);
        var statistics = tracker.Statistics();
        Assert.Equal(0, statistics.EpisodeCount);
        Assert.True(double.IsNaN(statistics.MeanReturn));
    }
}
