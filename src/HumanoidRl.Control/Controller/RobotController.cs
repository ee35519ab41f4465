using System.Collections.Concurrent;
using System.Runtime;
using HumanoidRl.Control.Loop;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Realtime;
using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Action;
using HumanoidRl.Core.Backends;
using HumanoidRl.Core.Geometry;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Controller;

/// <summary>
/// Owns the real-time loop: each tick reads the backend, applies queued operator requests, runs the safety
/// checks, computes torques for the mode (damping, stand-up interpolation, policy with soft start), clamps them
/// and writes the backend, then publishes telemetry. Other threads talk to it only through a lock-free mailbox,
/// atomically published values and the telemetry and event rings; the loop never waits for them, never
/// allocates after warm-up and never logs.
/// </summary>
public sealed class RobotController : IDisposable
{
    private static readonly TimeSpan LoopAnswerTimeout = TimeSpan.FromSeconds(2);

    private readonly IRobotBackend _backend;
    private readonly ControllerSettings _settings;
    private readonly PolicyContract _robotContract;
    private readonly SafetyLayer _safety;
    private readonly SensorFrame _frame;
    private readonly double[] _torqueNm;
    private readonly double[] _holdTorqueNm;
    private readonly double[] _standStartRad;
    private readonly double[] _standTargetRad;
    private readonly float[] _command = new float[3];
    private readonly DeadlineTimer _timer;
    private readonly long _prewarmLeadNs;
    private readonly LatencyHistogram _jitter = new(LatencyHistogram.LoopRangeUs);
    private readonly LatencyHistogram _compute = new(LatencyHistogram.LoopRangeUs);
    private readonly LatencyHistogram _backendTime = new(LatencyHistogram.LoopRangeUs);
    private readonly TickPhaseTimer _phases = new();
    private readonly ConcurrentQueue<ControllerCommand> _mailbox = new();
    private readonly List<string> _realtimeNotes = [];
    private readonly Thread _thread;
    // Taken by the loop thread only when a benchmark holds it (simulator only), never by request threads:
    // the loop stays off every lock the gRPC side uses.
    private readonly object _holdGate = new();
    private VelocityCommand _velocity = VelocityCommand.Zero;
    private PolicyRuntime? _policy;
    private ControlMode _mode = ControlMode.Passive;
    private int _publishedMode = (int)ControlMode.Passive;
    private volatile bool _faultLatched;
    private volatile bool _standUpComplete;
    private volatile bool _policyLoaded;
    private volatile bool _stopRequested;
    private volatile bool _running;
    private volatile bool _holdRequested;
    private bool _parked;
    private FaultEvent _lastFault;
    private long _ticks;
    private long _modeStartTick;
    private long _backendErrors;
    private long _prewarmsPastDeadline;
    private long _prewarmRepeats;
    private long _prewarmRepeatsPastDeadline;
    private long _loopAllocatedBytes;
    private long _allocatedAtReset;
    private long _loopCompiledMethods;
    private long _compiledBeforeTicks;
    private Exception? _loopFailure;

    public RobotController(IRobotBackend backend, ControllerSettings settings, PolicyContract robotContract)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(robotContract);
        if (backend.JointCount != settings.JointCount)
            throw new ArgumentException($"backend {backend.Name} drives {backend.JointCount} joints, the robot config has {settings.JointCount}");
        _backend = backend;
        _settings = settings;
        _robotContract = robotContract;
        var joints = settings.JointCount;
        _safety = new SafetyLayer(settings.Safety, settings.LowerLimitRad, settings.UpperLimitRad, settings.TorqueLimitNm);
        _frame = new SensorFrame(joints);
        _torqueNm = new double[joints];
        _holdTorqueNm = new double[joints];
        _standStartRad = new double[joints];
        _standTargetRad = new double[joints];
        _timer = new DeadlineTimer(settings.PeriodNs, settings.Realtime.SpinUs * 1000L);
        _prewarmLeadNs = Math.Min(settings.Realtime.PolicyPrewarmUs * 1000L, settings.PeriodNs);
        Telemetry = new TelemetryRing(joints);
        Events = new EventRing();
        _thread = new Thread(Loop) { IsBackground = true, Name = "control-loop", Priority = ThreadPriority.Highest };
        LoopCode.Prepare();
        // The mailbox's dequeue, compiled here rather than in the first tick (nothing can have been submitted yet).
        _mailbox.TryDequeue(out _);
    }

    public TelemetryRing Telemetry { get; }

    public EventRing Events { get; }

    public ControllerSettings Settings => _settings;

    public ControlMode Mode => (ControlMode)Volatile.Read(ref _publishedMode);

    /// <summary>The loaded policy's contract, or null.</summary>
    public PolicyContract? Policy => Volatile.Read(ref _policy)?.Contract;

    public string? PolicyPath => Volatile.Read(ref _policy)?.Path;

    /// <summary>Configures and activates the backend and starts the loop thread.</summary>
    public void Start()
    {
        if (_running) throw new InvalidOperationException("the controller is already running");
        _backend.Configure();
        _backend.Activate();
        _running = true;
        _thread.Start();
    }

    /// <summary>
    /// Leaves any active mode for Damping, lets it act briefly, then stops the loop, turns torque off and
    /// deactivates the backend.
    /// </summary>
    public async Task StopAsync(TimeSpan dampingTime)
    {
        if (!_running) return;
        // A held loop must tick again to take the robot to Damping and to see the stop request.
        Resume();
        if (Mode is ControlMode.StandUp or ControlMode.Policy) RequestMode(ControlMode.Damping);
        if (Mode != ControlMode.Passive) await Task.Delay(dampingTime).ConfigureAwait(false);
        _stopRequested = true;
        _thread.Join();
        _running = false;
        _backend.Write(new double[_settings.JointCount], torqueEnabled: false);
        _backend.Deactivate();
    }

    /// <summary>Loads a policy to use. Refused (InvalidOperationException) while in Policy mode; file and contract problems throw InvalidDataException.</summary>
    public PolicyContract LoadPolicy(string path)
    {
        if (Mode == ControlMode.Policy) throw new InvalidOperationException("current mode is Policy: leave it (StandUp or Damping) before loading another policy");
        var runtime = new PolicyRuntime(path, _robotContract);
        if (!_running)
        {
            Interlocked.Exchange(ref _policy, runtime)?.Dispose();
            _policyLoaded = true;
            return runtime.Contract;
        }
        var swap = new PolicySwap(runtime);
        _mailbox.Enqueue(new ControllerCommand(ControllerCommandKind.SwapPolicy, ControlMode.Passive, swap));
        try
        {
            if (!swap.Completion.Task.Wait(LoopAnswerTimeout)) throw new InvalidOperationException(NoAnswer());
            swap.Completion.Task.Result?.Dispose();
            return runtime.Contract;
        }
        catch (AggregateException error) when (error.InnerException is InvalidOperationException refusal)
        {
            runtime.Dispose();
            throw refusal;
        }
    }

    /// <summary>
    /// Null once the loop has entered the mode (or, before <see cref="Start"/>, queued it for the first tick),
    /// otherwise why it is refused (naming the current mode). Waiting for the loop, at most a tick, means a
    /// request that follows this one is judged against the new mode.
    /// </summary>
    public string? RequestMode(ControlMode target)
    {
        var refusal = Refusal(Mode, target, _faultLatched, _standUpComplete, _policyLoaded);
        if (refusal is not null) return refusal;
        return Submit(new ControllerCommand(ControllerCommandKind.SetMode, target, Reply: NewReply())) switch
        {
            LoopAnswer.Applied => null,
            // The state changed between the check above and the tick; describe it as it is now.
            LoopAnswer.Refused => Refusal(Mode, target, _faultLatched, _standUpComplete, _policyLoaded) ?? $"current mode is {Mode}: the loop refused {target}",
            _ => NoAnswer(),
        };
    }

    /// <summary>Clamps the command into the configured ranges and publishes it; returns what will be used.</summary>
    public (double Vx, double Vy, double YawRate) SetVelocityCommand(double forwardMPerS, double lateralMPerS, double yawRateRadPerS)
    {
        var clamped = _settings.Velocity.Clamp(forwardMPerS, lateralMPerS, yawRateRadPerS);
        Volatile.Write(ref _velocity, new VelocityCommand(clamped.Vx, clamped.Vy, clamped.YawRate));
        return clamped;
    }

    /// <summary>
    /// Latches torque off; null once the loop is in EStop (the next write is torque-off), otherwise why that is not
    /// known: the request stays queued, but a stalled loop writes nothing and the drivers' own watchdog must act.
    /// </summary>
    public string? EStop() =>
        Submit(new ControllerCommand(ControllerCommandKind.EStop, ControlMode.EStop, Reply: NewReply())) == LoopAnswer.NotAnswered ? NoAnswer() : null;

    /// <summary>
    /// Unlatches an e-stop or fault; null once done (or when nothing was latched), otherwise why not. Like
    /// <see cref="RequestMode"/>, it returns after the loop has acted, so a mode request may follow at once.
    /// </summary>
    public string? ClearFault() =>
        Submit(new ControllerCommand(ControllerCommandKind.ClearFault, ControlMode.EStop, Reply: NewReply())) == LoopAnswer.NotAnswered ? NoAnswer() : null;

    public ControllerStatus Status()
    {
        var fault = _lastFault;
        var policy = Volatile.Read(ref _policy);
        var inference = policy?.InferenceTime;
        var prewarm = policy?.PrewarmTime;
        return new ControllerStatus(Mode, _faultLatched, fault.TimestampNs == 0 ? null : fault.Describe(), _standUpComplete, _policyLoaded,
            Interlocked.Read(ref _ticks), _timer.Overruns, Interlocked.Read(ref _backendErrors),
            _jitter.PercentileUs(0.5), _jitter.PercentileUs(0.99), _jitter.MaxUs,
            _compute.PercentileUs(0.5), _compute.PercentileUs(0.99), _compute.MaxUs,
            inference?.PercentileUs(0.5) ?? 0, inference?.PercentileUs(0.99) ?? 0, inference?.MaxUs ?? 0,
            prewarm?.PercentileUs(0.5) ?? 0, prewarm?.PercentileUs(0.99) ?? 0, prewarm?.MaxUs ?? 0,
            _backendTime.PercentileUs(0.5), _backendTime.PercentileUs(0.99), _backendTime.MaxUs, LoopCompiledMethods,
            _backend.Name, [.. _realtimeNotes]);
    }

    /// <summary>
    /// Parks the loop thread between two ticks and returns once it is parked, so that a benchmark can measure
    /// something else on the same cores without the loop's load. While held nothing ticks (the simulated physics
    /// stands still) and requests get no answer, as from a stalled loop. Refused unless the backend is a simulation,
    /// because on a robot a held loop stops commanding the motors.
    /// </summary>
    public void Hold()
    {
        if (!_backend.IsSimulated)
            throw new InvalidOperationException($"the control loop can be held only on a simulator: backend {_backend.Name} drives motors, which a held loop would stop commanding");
        if (!_running) throw new InvalidOperationException("the controller is not running: there is no loop to hold");
        lock (_holdGate)
        {
            _holdRequested = true;
            var deadline = Environment.TickCount64 + (long)LoopAnswerTimeout.TotalMilliseconds;
            while (!_parked)
            {
                var leftMs = deadline - Environment.TickCount64;
                if (leftMs <= 0 || LoopFailure is not null)
                {
                    _holdRequested = false;
                    throw new InvalidOperationException(NoAnswer());
                }
                Monitor.Wait(_holdGate, (int)leftMs);
            }
        }
    }

    /// <summary>Lets a held loop run again (nothing if it is not held).</summary>
    public void Resume()
    {
        lock (_holdGate)
        {
            _holdRequested = false;
            Monitor.PulseAll(_holdGate);
        }
    }

    /// <summary>The exception that stopped the loop thread, if it died.</summary>
    public Exception? LoopFailure => Volatile.Read(ref _loopFailure);

    /// <summary>Bytes the loop thread allocated since the last <see cref="ResetStatistics"/> (0 is the target).</summary>
    public long AllocatedBytesSinceReset => Volatile.Read(ref _loopAllocatedBytes) - Volatile.Read(ref _allocatedAtReset);

    /// <summary>
    /// Methods the JIT compiled on the loop thread in its ticks (and between them), as of its last tick; what the thread
    /// compiles before its first tick, applying the real-time options, is not counted. Each costs its tick tens to hundreds
    /// of microseconds, and it stays 0: building the controller compiled the ticks' code in every mode and on faults
    /// (<see cref="LoopCode"/>), the loop's untimed exchange before its first deadline the backend's code, loading a policy
    /// its calls (<see cref="PolicyRuntime"/>).
    /// </summary>
    public long LoopCompiledMethods => Volatile.Read(ref _loopCompiledMethods);

    /// <summary>Policy warm-ups so far that ended after the deadline of the tick they were for (the lead was too short for them).</summary>
    public long PrewarmsPastDeadline => Interlocked.Read(ref _prewarmsPastDeadline);

    /// <summary>Calls that repeated a policy warm-up to keep it warm until shortly before its tick's deadline, so far.</summary>
    public long PrewarmRepeats => Interlocked.Read(ref _prewarmRepeats);

    /// <summary>Inference ticks whose last warm-up repeat ended after their deadline, making them late, so far.</summary>
    public long PrewarmRepeatsPastDeadline => Interlocked.Read(ref _prewarmRepeatsPastDeadline);

    /// <summary>Ticks run so far.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Clears the jitter, compute, inference, warm-up and backend histograms and the allocation count (benchmarks measure after warm-up).</summary>
    public void ResetStatistics()
    {
        _jitter.Clear();
        _compute.Clear();
        var policy = Volatile.Read(ref _policy);
        policy?.InferenceTime.Clear();
        policy?.PrewarmTime.Clear();
        _backendTime.Clear();
        Volatile.Write(ref _allocatedAtReset, Volatile.Read(ref _loopAllocatedBytes));
    }

    public void Dispose()
    {
        if (_running) StopAsync(TimeSpan.Zero).GetAwaiter().GetResult();
        Volatile.Read(ref _policy)?.Dispose();
    }

    private static TaskCompletionSource<bool> NewReply() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopAnswer Submit(ControllerCommand command)
    {
        _mailbox.Enqueue(command);
        if (!_running) return LoopAnswer.Applied;
        if (LoopFailure is not null) return LoopAnswer.NotAnswered;
        if (!command.Reply!.Task.Wait(LoopAnswerTimeout)) return LoopAnswer.NotAnswered;
        return command.Reply.Task.Result ? LoopAnswer.Applied : LoopAnswer.Refused;
    }

    private string NoAnswer() => LoopFailure is { } failure
        ? $"the control loop has stopped: {failure.Message}"
        : $"the control loop did not answer within {LoopAnswerTimeout.TotalSeconds:F0} s";

    private static string? Refusal(ControlMode current, ControlMode target, bool faultLatched, bool standUpComplete, bool policyLoaded)
    {
        if (target == ControlMode.Policy && current != ControlMode.Policy && !policyLoaded) return $"current mode is {current}: no policy is loaded";
        return ModeRules.Refusal(current, target, faultLatched, standUpComplete);
    }

    private void Loop()
    {
        try
        {
            ApplyRealtimeOptions();
            // Before the first deadline, untimed: the backend exchange a Passive tick makes (a read, the base height for
            // the telemetry, a torque-off write), so that its code is compiled here and not in that tick.
            _backend.Read(_frame);
            _ = _backend.BaseHeightM;
            _backend.Write(_torqueNm, torqueEnabled: false);
            _compiledBeforeTicks = JitInfo.GetCompiledMethodCount(currentThread: true);
            _timer.Start(LinuxClock.NowNs());
            while (!_stopRequested)
            {
                if (_holdRequested) Park();
                if (!_settings.FreeRun) PrewarmPolicy();
                var lateNs = _settings.FreeRun ? 0 : _timer.WaitNext();
                Tick(lateNs);
            }
        }
#pragma warning disable CA1031 // The loop must end in a safe state whatever broke it; the failure is reported via LoopFailure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _loopFailure, e);
            _backend.Write(new double[_settings.JointCount], torqueEnabled: false);
        }
    }

    /// <summary>
    /// Waits on the hold gate until <see cref="Resume"/>, then restarts the deadlines from now, so the pause counts
    /// neither as overruns nor as a late wake-up. The rest of the loop's timing is counted in ticks, not read from the
    /// clock (stand-up, soft start, the policy's phase), and the safety layer needs no reset either: sensor age is
    /// measured against the tick's own read and backend errors are counted in a row, not timed.
    /// </summary>
    private void Park()
    {
        lock (_holdGate)
        {
            _parked = true;
            Monitor.PulseAll(_holdGate);
            while (_holdRequested) Monitor.Wait(_holdGate);
            _parked = false;
        }
        _timer.Start(LinuxClock.NowNs());
    }

    private void Tick(long lateNs)
    {
        var startNs = LinuxClock.NowNs();
        _phases.StartTick(startNs);
        _phases.EnterBackend(startNs);
        var readOk = _backend.Read(_frame);
        _phases.ExitBackend(LinuxClock.NowNs());
        ApplyCommands(startNs);

        var attitude = Quat.FromSpan(_frame.ImuQuaternion).Normalized().ToRollPitchYaw();
        var active = _mode is ControlMode.StandUp or ControlMode.Policy;
        if (active && _safety.CheckSensors(_frame, attitude.RollRad, attitude.PitchRad, _backend.BaseHeightM, startNs, out var sensorFault))
            Fault(sensorFault);

        var velocity = Volatile.Read(ref _velocity);
        _command[0] = (float)velocity.ForwardMPerS;
        _command[1] = (float)velocity.LateralMPerS;
        _command[2] = (float)velocity.YawRateRadPerS;
        var torqueEnabled = ComputeTorques(startNs);
        _safety.Clamp(_torqueNm, _frame.JointPositionRad);
        _phases.EnterBackend(LinuxClock.NowNs());
        var writeOk = _backend.Write(_torqueNm, torqueEnabled);
        _phases.ExitBackend(LinuxClock.NowNs());
        if (!(readOk && writeOk)) Interlocked.Increment(ref _backendErrors);
        if (_safety.CheckBackend(readOk && writeOk, startNs, out var backendFault)) Fault(backendFault);

        PublishTelemetry(attitude, _phases.ControllerNs(LinuxClock.NowNs()), _phases.BackendNs);
        _jitter.Record(lateNs);
        // After the publish, so the controller's compute includes it; the backend exchange is kept apart.
        _compute.Record(_phases.ControllerNs(LinuxClock.NowNs()));
        _backendTime.Record(_phases.BackendNs);
        Interlocked.Increment(ref _ticks);
        Volatile.Write(ref _loopAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        Volatile.Write(ref _loopCompiledMethods, JitInfo.GetCompiledMethodCount(currentThread: true) - _compiledBeforeTicks);
    }

    /// <summary>
    /// Before a tick that will run inference in Policy mode: waits to the warm-up lead (spinning as the deadline
    /// wait does, when realtime.spin_us reaches that far), warms the policy up to shortly before the deadline, then
    /// busy-waits to it, because a sleep and its wake-up would let the caches cool again.
    /// </summary>
    private void PrewarmPolicy()
    {
        if (_prewarmLeadNs == 0 || _mode != ControlMode.Policy || _policy is not { InferenceDue: true } policy) return;
        var deadlineNs = _timer.NextDeadlineNs;
        _timer.WaitUntilBeforeDeadline(_prewarmLeadNs);
        // A tick already late is not made later by a warm-up: its own call costs less than both together.
        if (LinuxClock.NowNs() >= deadlineNs) return;
        policy.Prewarm();
        // Ran past its lead: the tick starts late by the excess.
        if (LinuxClock.NowNs() > deadlineNs) Interlocked.Increment(ref _prewarmsPastDeadline);
        else
        {
            Interlocked.Add(ref _prewarmRepeats, policy.KeepWarm(deadlineNs));
            // Each repeat starts only while one fits, so only one that took far longer than a warm call ends past the deadline.
            if (LinuxClock.NowNs() > deadlineNs) Interlocked.Increment(ref _prewarmRepeatsPastDeadline);
        }
        LinuxClock.SpinUntilNs(deadlineNs);
    }

    /// <summary>Fills the torque buffer for the current mode; false when the motors must be limp.</summary>
    private bool ComputeTorques(long nowNs)
    {
        var q = _frame.JointPositionRad;
        var qd = _frame.JointVelocityRadPerS;
        switch (_mode)
        {
            case ControlMode.Damping:
                for (var j = 0; j < _torqueNm.Length; j++) _torqueNm[j] = -_settings.DampingKdNmSPerRad[j] * qd[j];
                return true;
            case ControlMode.StandUp:
                var progress = Math.Clamp(SecondsInMode() / _settings.StandUpS, 0.0, 1.0);
                var smooth = progress * progress * (3 - (2 * progress));
                for (var j = 0; j < _torqueNm.Length; j++)
                    _standTargetRad[j] = _standStartRad[j] + ((_settings.DefaultPoseRad[j] - _standStartRad[j]) * smooth);
                Hold(_standTargetRad, _torqueNm);
                if (progress >= 1) _standUpComplete = true;
                return true;
            case ControlMode.Policy:
                if (!_policy!.Tick(_frame, _command, _torqueNm, nowNs, out var policyFault))
                {
                    Fault(policyFault);
                    return ComputeTorques(nowNs);
                }
                var weight = _safety.SoftStartWeight(SecondsInMode());
                if (weight < 1)
                {
                    Hold(_settings.DefaultPoseRad, _holdTorqueNm);
                    SoftStart.Blend(_torqueNm, _holdTorqueNm, weight);
                }
                return true;
            default:
                Array.Clear(_torqueNm);
                return false;
        }
    }

    private void Hold(ReadOnlySpan<double> targetRad, Span<double> torqueNm)
    {
        var q = _frame.JointPositionRad;
        var qd = _frame.JointVelocityRadPerS;
        for (var j = 0; j < torqueNm.Length; j++)
            torqueNm[j] = PdLaw.TorqueNm(_settings.StandKpNmPerRad[j], _settings.StandKdNmSPerRad[j], targetRad[j], q[j], qd[j]);
    }

    private double SecondsInMode() => (_ticks - _modeStartTick) * _settings.PeriodNs / 1e9;

    private void ApplyCommands(long nowNs)
    {
        while (_mailbox.TryDequeue(out var command))
        {
            switch (command.Kind)
            {
                case ControllerCommandKind.SetMode:
                    var accepted = Refusal(_mode, command.Mode, _faultLatched, _standUpComplete, _policy is not null) is null;
                    if (accepted) Transition(command.Mode, nowNs);
                    else Events.Publish(new ControllerEvent(0, ControllerEventKind.RequestRefused, _mode, command.Mode, default, nowNs));
                    command.Reply?.SetResult(accepted);
                    break;
                case ControllerCommandKind.EStop:
                    _faultLatched = true;
                    _lastFault = new FaultEvent(FaultKind.EStop, double.NaN, double.NaN, -1, nowNs);
                    Events.Publish(new ControllerEvent(0, ControllerEventKind.Fault, _mode, ControlMode.EStop, _lastFault, nowNs));
                    Transition(ControlMode.EStop, nowNs);
                    command.Reply?.SetResult(true);
                    break;
                case ControllerCommandKind.ClearFault:
                    if (_mode == ControlMode.EStop && _faultLatched)
                    {
                        _faultLatched = false;
                        _safety.ResetBackendErrors();
                        Events.Publish(new ControllerEvent(0, ControllerEventKind.FaultCleared, _mode, _mode, default, nowNs));
                    }
                    command.Reply?.SetResult(true);
                    break;
                case ControllerCommandKind.SwapPolicy:
                    var swap = command.Swap!;
                    if (_mode == ControlMode.Policy)
                    {
                        swap.Completion.SetException(new InvalidOperationException("current mode is Policy: the policy is swapped only outside Policy mode"));
                        break;
                    }
                    var previous = _policy;
                    Volatile.Write(ref _policy, swap.Runtime);
                    _policyLoaded = true;
                    Events.Publish(new ControllerEvent(0, ControllerEventKind.PolicyLoaded, _mode, _mode, default, nowNs));
                    swap.Completion.SetResult(previous);
                    break;
            }
        }
    }

    private void Transition(ControlMode target, long nowNs)
    {
        if (target == _mode) return;
        var from = _mode;
        _mode = target;
        _modeStartTick = _ticks;
        if (target == ControlMode.StandUp)
        {
            _frame.JointPositionRad.CopyTo(_standStartRad, 0);
            _standUpComplete = false;
        }
        if (target == ControlMode.Policy) _policy!.Reset();
        Volatile.Write(ref _publishedMode, (int)target);
        Events.Publish(new ControllerEvent(0, ControllerEventKind.ModeChanged, from, target, default, nowNs));
    }

    /// <summary>Every fault ends in a defined safe state: active modes drop to Damping; EStop and Passive stay.</summary>
    private void Fault(in FaultEvent fault)
    {
        _lastFault = fault;
        var to = _mode is ControlMode.StandUp or ControlMode.Policy ? ControlMode.Damping : _mode;
        Events.Publish(new ControllerEvent(0, ControllerEventKind.Fault, _mode, to, fault, fault.TimestampNs));
        Transition(to, fault.TimestampNs);
    }

    private void PublishTelemetry(RollPitchYaw attitude, long computeNs, long backendNs)
    {
        var sample = Telemetry.BeginWrite();
        sample.Tick = _ticks;
        sample.TimestampNs = _frame.TimestampNs;
        sample.Mode = _mode;
        _frame.JointPositionRad.CopyTo(sample.JointPositionRad, 0);
        _frame.JointVelocityRadPerS.CopyTo(sample.JointVelocityRadPerS, 0);
        _torqueNm.CopyTo(sample.JointTorqueNm, 0);
        _frame.ImuQuaternion.CopyTo(sample.ImuQuaternion, 0);
        _frame.GyroRadPerS.CopyTo(sample.GyroRadPerS, 0);
        sample.RollRad = attitude.RollRad;
        sample.PitchRad = attitude.PitchRad;
        sample.BaseHeightM = _backend.BaseHeightM;
        for (var i = 0; i < 3; i++) sample.Command[i] = _command[i];
        if (_policy is { } policy) policy.LastAction.CopyTo(sample.Action);
        sample.ComputeNs = computeNs;
        sample.BackendNs = backendNs;
        Telemetry.Commit();
    }

    private void ApplyRealtimeOptions()
    {
        var options = _settings.Realtime;
        if (options.LockMemory) Note("mlockall", LinuxRealtime.TryLockMemory());
        if (options.CpuAffinity >= 0)
        {
            // Before pinning itself, while this thread's own mask still names the CPUs the others can go to.
            Note($"other threads kept off CPU {options.CpuAffinity}", LoopCpuReservation.TryKeepOtherThreadsOff(options.CpuAffinity));
            Note($"CPU affinity {options.CpuAffinity}", LinuxRealtime.TrySetAffinity(options.CpuAffinity));
        }
        if (options.FifoPriority > 0) Note($"SCHED_FIFO priority {options.FifoPriority}", LinuxRealtime.TrySetFifo(options.FifoPriority));
        // Busy-waiting needs no privilege, so it is always applied (capped at the period by the timer).
        if (options.SpinUs > 0) Note($"busy-wait {Math.Min(options.SpinUs * 1000L, _settings.PeriodNs) / 1000} us before each deadline", null);
        if (_prewarmLeadNs > 0) Note($"policy warm-up {_prewarmLeadNs / 1000} us before each inference tick", _settings.FreeRun ? "sim_speed max has no deadline to warm up before" : null);
    }

    private void Note(string what, string? refusal) => _realtimeNotes.Add(refusal is null ? $"{what}: applied" : $"{what}: refused ({refusal})");
}
