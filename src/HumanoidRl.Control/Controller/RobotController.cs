using System.Collections.Concurrent;
using HumanoidRl.Control.Loop;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Backends;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Controller;

/// <summary>
/// The controller as the rest of the system sees it: builds the real-time loop (<see cref="ControlLoop"/> running a
/// <see cref="ControlTick"/>, with the modes in <see cref="ModeManager"/>), starts and stops it, and takes operator
/// requests. Other threads talk to the loop only through a lock-free mailbox, atomically published values and the
/// telemetry and event rings; the loop never waits for them, never allocates after warm-up and never logs.
/// </summary>
public sealed class RobotController : IDisposable
{
    private readonly IRobotBackend _backend;
    private readonly ControllerSettings _settings;
    private readonly PolicyContract _robotContract;
    private readonly ConcurrentQueue<ControllerCommand> _mailbox = new();
    private readonly LoopStatistics _statistics = new();
    private readonly ModeManager _modes;
    private readonly ControlTick _tick;
    private readonly ControlLoop _loop;

    public RobotController(IRobotBackend backend, ControllerSettings settings, PolicyContract robotContract)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(robotContract);
        if (backend.JointCount != settings.JointCount)
        {
            throw new ArgumentException(
                $"backend {backend.Name} drives {backend.JointCount} joints, the robot config has {settings.JointCount}");
        }
        _backend = backend;
        _settings = settings;
        _robotContract = robotContract;
        var safety = new SafetyLayer(settings.Safety, settings.LowerLimitRad, settings.UpperLimitRad, settings.TorqueLimitNm);
        var frame = new SensorFrame(settings.JointCount);
        Telemetry = new TelemetryRing(settings.JointCount);
        Events = new EventRing();
        _modes = new ModeManager(settings, safety, frame, Events);
        _tick = new ControlTick(backend, safety, frame, _modes, _statistics, Telemetry, _mailbox);
        _loop = new ControlLoop(settings, backend.Name, backend.IsSimulated, _tick, _modes, _statistics);
        LoopMethodPrecompiler.Prepare();
        // The mailbox's dequeue, compiled here rather than in the first tick (nothing can have been submitted yet).
        _mailbox.TryDequeue(out _);
    }

    public TelemetryRing Telemetry { get; }

    public EventRing Events { get; }

    public ControllerSettings Settings => _settings;

    public ControlMode Mode => _modes.PublishedMode;

    /// <summary>The loaded policy's contract, or null.</summary>
    public PolicyContract? Policy => _modes.Policy?.Contract;

    public string? PolicyPath => _modes.Policy?.Path;

    /// <summary>The benchmark's pause of the loop thread between ticks (simulator only).</summary>
    public LoopPause Pause => _loop.Pause;

    /// <summary>The exception that stopped the loop thread, if it died.</summary>
    public Exception? LoopFailure => _loop.Failure;

    /// <summary>Bytes the loop thread allocated since the last <see cref="ResetStatistics"/> (0 is the target).</summary>
    public long AllocatedBytesSinceReset => _statistics.AllocatedBytesSinceReset;

    /// <summary>
    /// Methods the JIT compiled on the loop thread in its ticks (and between them), as of its last tick; what the thread
    /// compiles before its first tick, applying the real-time options, is not counted. Each costs its tick tens to hundreds
    /// of microseconds, and it stays 0: building the controller compiled the ticks' code in every mode and on faults
    /// (<see cref="LoopMethodPrecompiler"/>), the loop's untimed exchange before its first deadline the backend's code,
    /// loading a policy its calls (<see cref="PolicyRuntime"/>).
    /// </summary>
    public long LoopCompiledMethods => _statistics.CompiledMethods;

    /// <summary>Policy warm-ups so far that ended after the deadline of the tick they were for (the lead was too short for them).</summary>
    public long PrewarmsPastDeadline => _statistics.PrewarmsPastDeadline;

    /// <summary>Calls that repeated a policy warm-up to keep it warm until shortly before its tick's deadline, so far.</summary>
    public long PrewarmRepeats => _statistics.PrewarmRepeats;

    /// <summary>Inference ticks whose last warm-up repeat ended after their deadline, making them late, so far.</summary>
    public long PrewarmRepeatsPastDeadline => _statistics.PrewarmRepeatsPastDeadline;

    /// <summary>Ticks run so far.</summary>
    public long Ticks => _statistics.Ticks;

    /// <summary>Configures and activates the backend and starts the loop thread.</summary>
    public void Start()
    {
        if (_loop.IsRunning) throw new InvalidOperationException("the controller is already running");
        _backend.Configure();
        _backend.Activate();
        _loop.Start();
    }

    /// <summary>
    /// Leaves any active mode for Damping, lets it act briefly, then stops the loop, turns torque off and
    /// deactivates the backend.
    /// </summary>
    public async Task StopAsync(TimeSpan dampingTime)
    {
        if (!_loop.IsRunning) return;
        // A paused loop must tick again to take the robot to Damping and to see the stop request.
        Pause.End();
        if (Mode is ControlMode.StandUp or ControlMode.Policy) RequestMode(ControlMode.Damping);
        if (Mode != ControlMode.Passive) await Task.Delay(dampingTime).ConfigureAwait(false);
        _loop.Stop();
        _tick.WriteTorqueOff();
        _backend.Deactivate();
    }

    /// <summary>
    /// Loads a policy to use. Refused (InvalidOperationException) while in Policy mode; file and contract problems throw
    /// InvalidDataException.
    /// </summary>
    public PolicyContract LoadPolicy(string path)
    {
        if (Mode == ControlMode.Policy)
            throw new InvalidOperationException("current mode is Policy: leave it (StandUp or Damping) before loading another policy");
        var runtime = new PolicyRuntime(path, _robotContract);
        if (!_loop.IsRunning)
        {
            _modes.InstallPolicy(runtime)?.Dispose();
            return runtime.Contract;
        }
        var swap = new PolicySwap(runtime);
        _mailbox.Enqueue(new ControllerCommand(ControllerCommandKind.SwapPolicy, ControlMode.Passive, swap));
        try
        {
            if (!swap.Completion.Task.Wait(ControlLoop.AnswerTimeout)) throw new InvalidOperationException(_loop.NoAnswer());
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
    /// Applied once the loop has entered the mode (or, before <see cref="Start"/>, queued it for the first tick),
    /// otherwise refused with why (naming the current mode). Waiting for the loop, at most a tick, means a request
    /// that follows this one is judged against the new mode.
    /// </summary>
    public CommandOutcome RequestMode(ControlMode target)
    {
        if (_modes.Refusal(target) is { } refusal) return CommandOutcome.Refused(refusal);
        return Submit(new ControllerCommand(ControllerCommandKind.SetMode, target, Reply: NewReply())) switch
        {
            LoopAnswer.Applied => CommandOutcome.Applied,
            // The state changed between the check above and the tick; describe it as it is now.
            LoopAnswer.Refused => CommandOutcome.Refused(_modes.Refusal(target) ?? $"current mode is {Mode}: the loop refused {target}"),
            _ => CommandOutcome.Refused(_loop.NoAnswer()),
        };
    }

    /// <summary>Clamps the command into the configured ranges and publishes it; returns what will be used.</summary>
    public (double Vx, double Vy, double YawRate) SetVelocityCommand(double forwardMPerS, double lateralMPerS, double yawRateRadPerS)
    {
        var clamped = _settings.Velocity.Clamp(forwardMPerS, lateralMPerS, yawRateRadPerS);
        _tick.SetVelocity(new VelocityCommand(clamped.Vx, clamped.Vy, clamped.YawRate));
        return clamped;
    }

    /// <summary>
    /// Latches torque off; applied once the loop is in EStop (the next write is torque-off), otherwise the reason that
    /// is not known: the request stays queued, but a stalled loop writes nothing and the drivers' own watchdog must act.
    /// </summary>
    public CommandOutcome EStop() => Answered(new ControllerCommand(ControllerCommandKind.EStop, ControlMode.EStop, Reply: NewReply()));

    /// <summary>
    /// Unlatches an e-stop or fault; applied once done (or when nothing was latched), otherwise the reason why not. Like
    /// <see cref="RequestMode"/>, it returns after the loop has acted, so a mode request may follow at once.
    /// </summary>
    public CommandOutcome ClearFault() =>
        Answered(new ControllerCommand(ControllerCommandKind.ClearFault, ControlMode.EStop, Reply: NewReply()));

    public ControllerStatus Status()
    {
        var fault = _modes.LastFault;
        var policy = _modes.Policy;
        var inference = policy?.InferenceTime;
        var prewarm = policy?.PrewarmTime;
        var jitter = _statistics.Jitter;
        var compute = _statistics.Compute;
        var backend = _statistics.Backend;
        return new ControllerStatus(Mode, _modes.FaultLatched, fault.TimestampNs == 0 ? null : fault.Describe(), _modes.StandUpComplete,
            policy is not null, _statistics.Ticks, _loop.Overruns, _statistics.BackendErrors,
            jitter.PercentileUs(0.5), jitter.PercentileUs(0.99), jitter.MaxUs,
            compute.PercentileUs(0.5), compute.PercentileUs(0.99), compute.MaxUs,
            inference?.PercentileUs(0.5) ?? 0, inference?.PercentileUs(0.99) ?? 0, inference?.MaxUs ?? 0,
            prewarm?.PercentileUs(0.5) ?? 0, prewarm?.PercentileUs(0.99) ?? 0, prewarm?.MaxUs ?? 0,
            backend.PercentileUs(0.5), backend.PercentileUs(0.99), backend.MaxUs, LoopCompiledMethods,
            _backend.Name, [.. _loop.RealtimeNotes]);
    }

    /// <summary>
    /// Clears the jitter, compute, inference, warm-up and backend histograms and the allocation count (benchmarks measure
    /// after warm-up).
    /// </summary>
    public void ResetStatistics()
    {
        _statistics.Reset();
        var policy = _modes.Policy;
        policy?.InferenceTime.Clear();
        policy?.PrewarmTime.Clear();
    }

    public void Dispose()
    {
        if (_loop.IsRunning) StopAsync(TimeSpan.Zero).GetAwaiter().GetResult();
        _modes.Policy?.Dispose();
    }

    private static TaskCompletionSource<bool> NewReply() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Applied once the loop has answered the command, whatever it answered; otherwise why no answer came.</summary>
    private CommandOutcome Answered(ControllerCommand command) =>
        Submit(command) == LoopAnswer.NotAnswered ? CommandOutcome.Refused(_loop.NoAnswer()) : CommandOutcome.Applied;

    private LoopAnswer Submit(ControllerCommand command)
    {
        _mailbox.Enqueue(command);
        if (!_loop.IsRunning) return LoopAnswer.Applied;
        if (LoopFailure is not null) return LoopAnswer.NotAnswered;
        if (!command.Reply!.Task.Wait(ControlLoop.AnswerTimeout)) return LoopAnswer.NotAnswered;
        return command.Reply.Task.Result ? LoopAnswer.Applied : LoopAnswer.Refused;
    }
}
