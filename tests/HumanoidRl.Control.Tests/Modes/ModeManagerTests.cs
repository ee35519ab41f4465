using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Safety;
using HumanoidRl.Control.Tests.Controller;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Tests.Modes;

public sealed class ModeManagerTests : IDisposable
{
    private static readonly ControllerSettings Settings = ControllerSettings.FromRobot(ControllerFixture.Robot) with { StandUpS = 0.2 };

    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-mode-manager-").FullName;
    private readonly SensorFrame _frame = new(ControllerFixture.Robot.JointCount);
    private readonly EventRing _events = new();
    private readonly ModeManager _modes;

    public ModeManagerTests()
    {
        var safety = new SafetyLayer(Settings.Safety, Settings.LowerLimitRad, Settings.UpperLimitRad, Settings.TorqueLimitNm);
        _modes = new ModeManager(Settings, safety, _frame, _events);
    }

    public void Dispose()
    {
        _modes.Policy?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_policy_fault_drops_to_damping_and_the_same_tick_commands_dampings_torques()
    {
        var nan = ControllerFixture.PolicyFile(_folder, biasOverride: float.NaN);
        _modes.InstallPolicy(new PolicyRuntime(nan, PolicyContracts.ForRobot(ControllerFixture.Robot)));
        var standUpTicks = (long)(Settings.StandUpS * 1e9 / Settings.PeriodNs);
        Request(ControlMode.Damping, tick: 0);
        Request(ControlMode.StandUp, tick: 0);
        _modes.ComputeTorques(new float[3], standUpTicks, 0, new double[_frame.JointCount]);
        Assert.True(_modes.StandUpComplete);
        Request(ControlMode.Policy, tick: standUpTicks);
        for (var j = 0; j < _frame.JointCount; j++) _frame.JointVelocityRadPerS[j] = 0.1 * (j + 1);
        var torqueNm = new double[_frame.JointCount];

        var torqueEnabled = _modes.ComputeTorques(new float[3], standUpTicks, 7, torqueNm);

        Assert.True(torqueEnabled);
        Assert.Equal(ControlMode.Damping, _modes.Mode);
        Assert.Equal(ControlMode.Damping, _modes.PublishedMode);
        Assert.Equal(FaultKind.PolicyNotFinite, _modes.LastFault.Kind);
        var velocity = _frame.JointVelocityRadPerS;
        var dampingNm = Enumerable.Range(0, _frame.JointCount).Select(j => -Settings.DampingKdNmSPerRad[j] * velocity[j]);
        Assert.Equal(dampingNm, torqueNm);
        var last = Events().TakeLast(2).ToList();
        Assert.Equal((ControllerEventKind.Fault, ControlMode.Policy, ControlMode.Damping), (last[0].Kind, last[0].From, last[0].To));
        Assert.Equal((ControllerEventKind.ModeChanged, ControlMode.Policy, ControlMode.Damping), (last[1].Kind, last[1].From, last[1].To));
    }

    [Fact]
    public void An_estop_latches_torque_off_until_cleared_and_refusals_are_answered_and_published()
    {
        Request(ControlMode.Damping, tick: 0);
        _modes.Apply(new ControllerCommand(ControllerCommandKind.EStop, ControlMode.EStop), tick: 1, nowNs: 5);

        Assert.True(_modes.FaultLatched);
        Assert.False(_modes.ComputeTorques(new float[3], 1, 5, new double[_frame.JointCount]));
        Assert.Contains("ClearFault", _modes.Refusal(ControlMode.Damping), StringComparison.Ordinal);
        Assert.False(Request(ControlMode.Damping, tick: 2));
        Assert.Equal(ControllerEventKind.RequestRefused, Events()[^1].Kind);

        _modes.Apply(new ControllerCommand(ControllerCommandKind.ClearFault, ControlMode.EStop), tick: 3, nowNs: 6);
        Assert.False(_modes.FaultLatched);
        Assert.Equal(ControllerEventKind.FaultCleared, Events()[^1].Kind);
        Assert.True(Request(ControlMode.Damping, tick: 4));
        Assert.Equal(ControlMode.Damping, _modes.PublishedMode);
    }

    /// <summary>Applies a mode request as the loop would and returns its answer.</summary>
    private bool Request(ControlMode target, long tick)
    {
        var reply = new TaskCompletionSource<bool>();
        _modes.Apply(new ControllerCommand(ControllerCommandKind.SetMode, target, Reply: reply), tick, nowNs: tick);
        return reply.Task.Result;
    }

    private List<ControllerEvent> Events()
    {
        var events = new List<ControllerEvent>();
        long next = 0;
        _events.ReadFrom(ref next, events);
        return events;
    }
}
