using HumanoidRl.Core.Reward;

namespace HumanoidRl.Core.Tests.Reward;

public sealed class RewardCalculatorTests
{
    private const double PolicyDtS = 0.008;

    private static RewardCalculator Calculator(RewardTerm term, double weight) =>
        new(new RewardWeights { Weights = new Dictionary<RewardTerm, double> { [term] = weight } }, PolicyDtS, [], []);

    private static double[] Contributions() => new double[RewardCalculator.TermCount];

    [Fact]
    public void Foot_slip_sums_the_squared_horizontal_speed_of_feet_on_the_ground_only()
    {
        var calculator = Calculator(RewardTerm.FootSlip, 2.0);
        bool[] onGround = [true, false, true];
        double[] velocityXy = [0.3, -0.4, 5.0, 5.0, 0.0, 0.1];
        var contributions = Contributions();

        var reward = calculator.Compute(new RewardInput { FootOnGround = onGround, FootVelocityXyMPerS = velocityXy }, contributions);

        // (0.09 + 0.16) + 0.01 from the grounded feet; the airborne foot's 50 (m/s)^2 is free.
        var expected = -2.0 * 0.26 * PolicyDtS;
        Assert.Equal(expected, reward, 12);
        Assert.Equal(expected, contributions[(int)RewardTerm.FootSlip], 12);
    }

    [Fact]
    public void Foot_slip_is_zero_for_planted_feet_whatever_the_swing_foot_does()
    {
        var calculator = Calculator(RewardTerm.FootSlip, 2.0);

        var reward = calculator.Compute(new RewardInput { FootOnGround = [true, false], FootVelocityXyMPerS = [0, 0, 1.5, -0.7] });

        Assert.Equal(0.0, reward);
    }

    [Fact]
    public void Collision_costs_its_weight_per_contact_per_second()
    {
        var calculator = Calculator(RewardTerm.Collision, 3.0);
        var contributions = Contributions();

        var reward = calculator.Compute(new RewardInput { CollisionCount = 4 }, contributions);

        Assert.Equal(-3.0 * 4 * PolicyDtS, reward, 12);
        Assert.Equal(reward, contributions[(int)RewardTerm.Collision]);
        Assert.Equal(0.0, calculator.Compute(new RewardInput { CollisionCount = 0 }));
    }

    [Theory]
    [InlineData(0.5, 0.0, 0.5, 0.0, 0.0)]
    [InlineData(1.0, 0.2, 0.0, 0.0, -1.04)]
    [InlineData(-0.5, 0.3, 0.5, -0.1, -1.16)]
    public void Linear_velocity_error_is_the_negative_squared_planar_velocity_error(
        double commandXMPerS, double commandYMPerS, double velocityXMPerS, double velocityYMPerS, double expectedValue)
    {
        var calculator = Calculator(RewardTerm.LinearVelocityError, 4.0);
        var contributions = Contributions();

        var reward = calculator.Compute(new RewardInput
        {
            Command = [(float)commandXMPerS, (float)commandYMPerS, 0f],
            BaseVelocityXMPerS = velocityXMPerS,
            BaseVelocityYMPerS = velocityYMPerS,
        }, contributions);

        Assert.Equal(4.0 * expectedValue * PolicyDtS, reward, 6);
        Assert.Equal(reward, contributions[(int)RewardTerm.LinearVelocityError]);
    }

    [Fact]
    public void Linear_velocity_error_keeps_its_slope_where_the_tracking_kernel_has_flattened()
    {
        // Slope of each term between errors of 0.9 and 1.0 m/s (a fresh large command change).
        static double Slope(RewardTerm term) =>
            Calculator(term, 1.0).Compute(new RewardInput { Command = [1f, 0f, 0f], BaseVelocityXMPerS = 0.1 }) -
            Calculator(term, 1.0).Compute(new RewardInput { Command = [1f, 0f, 0f], BaseVelocityXMPerS = 0.0 });

        // 0.19 against 0.021 per unit weight
        Assert.True(Slope(RewardTerm.LinearVelocityError) > 5 * Slope(RewardTerm.LinearVelocityTracking));
    }

    [Fact]
    public void Uses_reports_only_weighted_terms()
    {
        var calculator = Calculator(RewardTerm.Collision, 1.0);

        Assert.True(calculator.Uses(RewardTerm.Collision));
        Assert.False(calculator.Uses(RewardTerm.FootSlip));
    }

    [Fact]
    public void New_terms_have_config_names_that_parse_back()
    {
        Assert.Equal("foot_slip", RewardWeights.Name(RewardTerm.FootSlip));
        Assert.Equal("collision", RewardWeights.Name(RewardTerm.Collision));
        Assert.True(RewardWeights.TryParse("foot_slip", out var slip));
        Assert.Equal(RewardTerm.FootSlip, slip);
        Assert.True(RewardWeights.TryParse("collision", out var collision));
        Assert.Equal(RewardTerm.Collision, collision);
    }

    [Fact]
    public void Foot_contacts_are_needed_only_when_foot_slip_or_collision_is_weighted()
    {
        Assert.False(new RewardWeights { Weights = new Dictionary<RewardTerm, double> { [RewardTerm.Stability] = 1 } }.UsesFootContacts);
        Assert.True(new RewardWeights { Weights = new Dictionary<RewardTerm, double> { [RewardTerm.FootSlip] = 1 } }.UsesFootContacts);
        Assert.True(new RewardWeights { Weights = new Dictionary<RewardTerm, double> { [RewardTerm.Collision] = 1 } }.UsesFootContacts);
    }
}
