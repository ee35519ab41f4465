using HumanoidRl.Control.Modes;

namespace HumanoidRl.Control.Tests.Modes;

public sealed class ModeRulesTests
{
    [Theory]
    [InlineData(ControlMode.Passive, ControlMode.Damping)]
    [InlineData(ControlMode.Damping, ControlMode.StandUp)]
    [InlineData(ControlMode.StandUp, ControlMode.Policy)]
    [InlineData(ControlMode.Policy, ControlMode.StandUp)]
    [InlineData(ControlMode.StandUp, ControlMode.Damping)]
    [InlineData(ControlMode.Policy, ControlMode.Damping)]
    [InlineData(ControlMode.Damping, ControlMode.Passive)]
    [InlineData(ControlMode.Policy, ControlMode.EStop)]
    [InlineData(ControlMode.Passive, ControlMode.EStop)]
    public void Ladder_transitions_are_allowed(ControlMode from, ControlMode to)
    {
        Assert.Null(ModeRules.Refusal(from, to, faultLatched: false, standUpComplete: true));
    }

    [Theory]
    [InlineData(ControlMode.Passive, ControlMode.StandUp)]
    [InlineData(ControlMode.Passive, ControlMode.Policy)]
    [InlineData(ControlMode.Damping, ControlMode.Policy)]
    [InlineData(ControlMode.Policy, ControlMode.Passive)]
    public void Skipping_a_rung_is_refused_naming_the_current_mode(ControlMode from, ControlMode to)
    {
        var refusal = ModeRules.Refusal(from, to, faultLatched: false, standUpComplete: true);

        Assert.NotNull(refusal);
        Assert.Contains($"current mode is {from}", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_is_refused_until_stand_up_has_finished()
    {
        Assert.NotNull(ModeRules.Refusal(ControlMode.StandUp, ControlMode.Policy, faultLatched: false, standUpComplete: false));
        Assert.Null(ModeRules.Refusal(ControlMode.StandUp, ControlMode.Policy, faultLatched: false, standUpComplete: true));
    }

    [Fact]
    public void Policy_is_refused_while_no_policy_is_loaded_naming_the_current_mode()
    {
        static string? RefusalIn(bool policyLoaded) =>
            ModeRules.Refusal(ControlMode.StandUp, ControlMode.Policy, faultLatched: false, standUpComplete: true, policyLoaded);

        Assert.Equal("current mode is StandUp: no policy is loaded", RefusalIn(policyLoaded: false));
        Assert.Null(RefusalIn(policyLoaded: true));
    }

    [Fact]
    public void EStop_latches_until_the_fault_is_cleared_and_then_allows_only_passive_or_damping()
    {
        Assert.Contains("ClearFault", ModeRules.Refusal(ControlMode.EStop, ControlMode.Damping, faultLatched: true, standUpComplete: false),
            StringComparison.Ordinal);
        Assert.Null(ModeRules.Refusal(ControlMode.EStop, ControlMode.Damping, faultLatched: false, standUpComplete: false));
        Assert.Null(ModeRules.Refusal(ControlMode.EStop, ControlMode.Passive, faultLatched: false, standUpComplete: false));
        Assert.NotNull(ModeRules.Refusal(ControlMode.EStop, ControlMode.StandUp, faultLatched: false, standUpComplete: true));
    }
}
