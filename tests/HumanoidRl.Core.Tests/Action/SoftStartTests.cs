using HumanoidRl.Core.Action;

namespace HumanoidRl.Core.Tests.Action;

public sealed class SoftStartTests
{
    [Theory]
    [InlineData(0.0, 0.1, 0.0)]
    [InlineData(0.05, 0.1, 0.5)]
    [InlineData(0.1, 0.1, 1.0)]
    [InlineData(3.0, 0.1, 1.0)]
    [InlineData(0.0, 0.0, 1.0)]
    public void Weight_rises_linearly_from_zero_to_one_over_the_soft_start(double seconds, double softStartS, double expected)
    {
        Assert.Equal(expected, SoftStart.Weight(seconds, softStartS), precision: 12);
    }

    [Fact]
    public void Blend_mixes_policy_and_hold_torques_by_the_weight()
    {
        double[] policy = [10, -4];
        SoftStart.Blend(policy, [2, 4], 0.25);
        Assert.Equal([4.0, 2.0], policy);
    }

    [Fact]
    public void Blend_refuses_vectors_of_different_joint_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => SoftStart.Blend(new double[3], new double[2], 0.5));
        Assert.Contains("2 joints", error.Message, StringComparison.Ordinal);
    }
}
