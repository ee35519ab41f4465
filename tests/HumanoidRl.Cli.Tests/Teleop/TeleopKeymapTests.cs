using HumanoidRl.Cli.Teleop;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Cli.Tests.Teleop;

public sealed class TeleopKeymapTests
{
    [Fact]
    public void Velocity_keys_step_the_command_and_opposite_keys_return_exactly_to_zero()
    {
        var keys = new TeleopKeymap();

        var forward = keys.Press('w');
        keys.Press('w');
        keys.Press('a');
        var turn = keys.Press('q');

        Assert.Equal(new TeleopAction(TeleopActionKind.SetVelocity, VxMPerS: 0.1), forward);
        Assert.Equal(new TeleopAction(TeleopActionKind.SetVelocity, VxMPerS: 0.2, VyMPerS: 0.05, YawRateRadPerS: 0.2), turn);
        foreach (var key in "ssde") keys.Press(key);
        Assert.Equal((0.0, 0.0, 0.0), (keys.VxMPerS, keys.VyMPerS, keys.YawRateRadPerS));
    }

    [Theory]
    [InlineData('1', V1.Mode.Damping)]
    [InlineData('2', V1.Mode.StandUp)]
    [InlineData('3', V1.Mode.Policy)]
    [InlineData('0', V1.Mode.Passive)]
    public void Number_keys_request_modes(char key, V1.Mode mode) =>
        Assert.Equal(new TeleopAction(TeleopActionKind.SetMode, mode), new TeleopKeymap().Press(key));

    [Fact]
    public void Space_stops_into_damping_and_x_estops_both_zeroing_the_command()
    {
        var keys = new TeleopKeymap();
        keys.Press('w');

        var stop = keys.Press(' ');
        var afterStop = keys.VxMPerS;
        keys.Press('d');
        var estop = keys.Press('X');

        Assert.Equal(new TeleopAction(TeleopActionKind.Stop, V1.Mode.Damping), stop);
        Assert.Equal(0, afterStop);
        Assert.Equal(TeleopActionKind.EStop, estop.Kind);
        Assert.Equal(0, keys.VyMPerS);
    }

    [Fact]
    public void Steps_continue_from_the_command_the_daemon_applied_after_clamping()
    {
        var keys = new TeleopKeymap();
        for (var i = 0; i < 15; i++) keys.Press('w');

        keys.Applied(new V1.VelocityCommand { VxMPerS = 1.0 });
        var back = keys.Press('s');

        Assert.Equal(0.9, back.VxMPerS, 9);
    }

    [Fact]
    public void C_clears_the_fault_escape_quits_and_other_keys_do_nothing()
    {
        var keys = new TeleopKeymap();

        Assert.Equal(TeleopActionKind.ClearFault, keys.Press('c').Kind);
        Assert.Equal(TeleopActionKind.Quit, keys.Press('\u001b').Kind);
        Assert.Same(TeleopAction.None, keys.Press('z'));
    }
}
