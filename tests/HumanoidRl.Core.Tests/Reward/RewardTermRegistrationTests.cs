using HumanoidRl.Core.Reward;

namespace HumanoidRl.Core.Tests.Reward;

public sealed class RewardTermRegistrationTests
{
    /// <summary>A term defined outside the product: rewards a level base, 1 - |roll|.</summary>
    private sealed class LevelRollTerm : RewardTerm
    {
        public override string Name => "level_roll";

        public override double Value(in RewardInput input, RewardContext context) => 1 - System.Math.Abs(input.RollRad);
    }

    [Fact]
    public void A_term_registered_with_the_calculator_is_computed_weighted_and_logged_after_the_built_in_ones()
    {
        const double PolicyDtS = 0.02;
        var level = new LevelRollTerm();
        var weights = new RewardWeights { Weights = new Dictionary<RewardTerm, double> { [RewardTerm.Alive] = 1.0, [level] = 3.0 } };
        var calculator = new RewardCalculator(weights, PolicyDtS, [], [], [.. RewardTerm.BuiltIn, level]);
        var contributions = new double[calculator.Terms.Count];

        var reward = calculator.Compute(new RewardInput { RollRad = 0.25 }, contributions);

        Assert.True(calculator.Uses(level));
        Assert.Equal(3.0 * 0.75 * PolicyDtS, contributions[RewardTerm.IndexOf(calculator.Terms, level)], 12);
        Assert.Equal(RewardTerm.BuiltIn.Count, RewardTerm.IndexOf(calculator.Terms, level));
        Assert.Equal((1.0 + (3.0 * 0.75)) * PolicyDtS, reward, 12);
    }
}
