using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Modes;

/// <summary>
/// The mode state machine on the loop thread: applies operator requests by <see cref="ModeRules"/>, latches e-stops
/// and faults, switches between the mode controllers and asks the active one for each tick's torques. Every fault
/// ends in a defined safe state: active modes drop to Damping; EStop and Passive stay. What other threads read
/// (mode, latch, stand-up completion, last fault, policy) is published atomically; no allocation per tick.
/// </summary>
internal sealed class ModeManager
{
    private readonly SensorFrame _frame;
    private readonly SafetyLayer _safety;
    private readonly EventRing _events;
    private readonly long _periodNs;
    private readonly IModeController[] _controllers;
    private readonly StandUpController _standUp;
    private readonly PolicyController _policy;
    private ControlMode _mode = ControlMode.Passive;
    private int _publishedMode = (int)ControlMode.Passive;
    private volatile bool _faultLatched;
    private FaultEvent _lastFault;
    private long _modeStartTick;

    public ModeManager(ControllerSettings settings, SafetyLayer safety, SensorFrame frame, EventRing events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _frame = frame;
        _safety = safety;
        _events = events;
        _periodNs = settings.PeriodNs;
        var hold = new PoseHold(settings.StandKpNmPerRad, settings.StandKdNmSPerRad);
        _standUp = new StandUpController(hold, settings.DefaultPoseRad, settings.StandUpS);
        _policy = new PolicyController(safety, hold, settings.DefaultPoseRad);
        // Indexed by mode.
        _controllers =
        [
            new PassiveController(), new DampingController(settings.DampingKdNmSPerRad), _standUp, _policy, new EStopController(),
        ];
    }

    /// <summary>The mode the loop is in (loop thread).</summary>
    public ControlMode Mode => _mode;

    /// <summary>The mode as last published by the loop; any thread.</summary>
    public ControlMode PublishedMode => (ControlMode)Volatile.Read(ref _publishedMode);

    public bool FaultLatched => _faultLatched;

    public bool StandUpComplete => _standUp.Complete;

    /// <summary>The last fault (default before any).</summary>
    public FaultEvent LastFault => _lastFault;

    /// <summary>The loaded policy, or null; any thread.</summary>
    public PolicyRuntime? Policy => _policy.Runtime;

    /// <summary>StandUp or Policy: the modes the sensor checks guard.</summary>
    public bool IsActive => _mode is ControlMode.StandUp or ControlMode.Policy;

    /// <summary>The policy when the loop is in Policy mode and the next tick runs inference, otherwise null.</summary>
    public PolicyRuntime? PolicyDueForInference =>
        _mode == ControlMode.Policy && _policy.Runtime is { InferenceDue: true } policy ? policy : null;

    /// <summary>Why the loop would refuse the target, judged on the published state; null when it would accept it. Any thread.</summary>
    public string? Refusal(ControlMode target) =>
        ModeRules.Refusal(PublishedMode, target, _faultLatched, StandUpComplete, Policy is not null);

    /// <summary>Installs a policy before the loop runs; returns the one it replaces.</summary>
    public PolicyRuntime? InstallPolicy(PolicyRuntime runtime) => _policy.Swap(runtime);

    /// <summary>Applies one request from the mailbox at the start of tick <paramref name="tick"/> and answers it.</summary>
    public void Apply(in ControllerCommand command, long tick, long nowNs)
    {
        switch (command.Kind)
        {
            case ControllerCommandKind.SetMode:
                var policyLoaded = _policy.Runtime is not null;
                var accepted = ModeRules.Refusal(_mode, command.Mode, _faultLatched, _standUp.Complete, policyLoaded) is null;
                if (accepted) Transition(command.Mode, tick, nowNs);
                else _events.Publish(new ControllerEvent(0, ControllerEventKind.RequestRefused, _mode, command.Mode, default, nowNs));
                command.Reply?.SetResult(accepted);
                break;
            case ControllerCommandKind.EStop:
                _faultLatched = true;
                _lastFault = new FaultEvent(FaultKind.EStop, double.NaN, double.NaN, -1, nowNs);
                _events.Publish(new ControllerEvent(0, ControllerEventKind.Fault, _mode, ControlMode.EStop, _lastFault, nowNs));
                Transition(ControlMode.EStop, tick, nowNs);
                command.Reply?.SetResult(true);
                break;
            case ControllerCommandKind.ClearFault:
                if (_mode == ControlMode.EStop && _faultLatched)
                {
                    _faultLatched = false;
                    _safety.ResetBackendErrors();
                    _events.Publish(new ControllerEvent(0, ControllerEventKind.FaultCleared, _mode, _mode, default, nowNs));
                }
                command.Reply?.SetResult(true);
                break;
            case ControllerCommandKind.SwapPolicy:
                var swap = command.Swap!;
                if (_mode == ControlMode.Policy)
                {
                    swap.Completion.SetException(
                        new InvalidOperationException("current mode is Policy: the policy is swapped only outside Policy mode"));
                    break;
                }
                var previous = _policy.Swap(swap.Runtime);
                _events.Publish(new ControllerEvent(0, ControllerEventKind.PolicyLoaded, _mode, _mode, default, nowNs));
                swap.Completion.SetResult(previous);
                break;
        }
    }

    /// <summary>Records the fault and leaves an active mode for Damping.</summary>
    public void Fault(in FaultEvent fault, long tick)
    {
        _lastFault = fault;
        var to = IsActive ? ControlMode.Damping : _mode;
        _events.Publish(new ControllerEvent(0, ControllerEventKind.Fault, _mode, to, fault, fault.TimestampNs));
        Transition(to, tick, fault.TimestampNs);
    }

    /// <summary>
    /// Fills the torques of tick <paramref name="tick"/> from the active mode's controller; a controller that faults
    /// hands the same tick to the mode the fault leads to. Returns false when the motors must be limp.
    /// </summary>
    public bool ComputeTorques(ReadOnlySpan<float> command, long tick, long nowNs, Span<double> torqueNm)
    {
        var controller = _controllers[(int)_mode];
        if (!controller.TryComputeTorques(new ModeTick(_frame, command, SecondsInMode(tick), nowNs), torqueNm, out var fault))
        {
            Fault(fault, tick);
            return ComputeTorques(command, tick, nowNs, torqueNm);
        }
        return controller.TorqueEnabled;
    }

    private double SecondsInMode(long tick) => (tick - _modeStartTick) * _periodNs / 1e9;

    private void Transition(ControlMode target, long tick, long nowNs)
    {
        if (target == _mode) return;
        var from = _mode;
        _mode = target;
        _modeStartTick = tick;
        _controllers[(int)target].Enter(_frame);
        Volatile.Write(ref _publishedMode, (int)target);
        _events.Publish(new ControllerEvent(0, ControllerEventKind.ModeChanged, from, target, default, nowNs));
    }
}
