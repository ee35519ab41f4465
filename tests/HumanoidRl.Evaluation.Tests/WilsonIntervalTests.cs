namespace HumanoidRl.Evaluation.Tests;

public sealed class WilsonIntervalTests
{
    [Theory]
    [InlineData(49, 50, 0.89505, 0.99646)]
    [InlineData(178, 200, 0.83907, 0.92623)]
    [InlineData(1, 10, 0.01788, 0.40415)]
    [InlineData(0, 10, 0.0, 0.27753)]
    [InlineData(10, 10, 0.72247, 1.0)]
    public void Gives_the_95_percent_score_interval(int successes, int trials, double low, double high)
    {
        var interval = WilsonInterval.Of95(successes, trials);

        Assert.Equal(low, interval.Low, 5);
        Assert.Equal(high, interval.High, 5);
    }

    [Fact]
    public void A_rate_of_0_98_over_50_episodes_cannot_be_told_from_0_90()
    {
        var interval = WilsonInterval.Of95(49, 50);

        Assert.InRange(0.90, interval.Low, interval.High);
    }

    [Fact]
    public void No_trials_or_more_successes_than_trials_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of95(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of95(3, 2));
    }
}
