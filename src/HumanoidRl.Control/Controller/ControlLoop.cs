using HumanoidRl.Control.Loop;
using HumanoidRl.Control.Modes;

namespace HumanoidRl.Control.Controller;

/// <summary>
/// The loop driver: owns the loop thread and its timing. It applies the real-time options, makes the untimed first
/// backend exchange, then runs a <see cref="ControlTick"/> at each absolute deadline (or back to back in free run),
/// warms the policy up before inference ticks, and parks while a <see cref="LoopPause"/> asks it to. Whatever breaks
/// the loop, it ends with torque off and the failure reported.
/// </summary>
internal sealed class ControlLoop
{
    /// <summary>How long a request waits for the loop's answer before it reports that none came.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);

    private readonly ControllerSettings _settings;
    private readonly ControlTick _tick;
    private readonly ModeManager _modes;
    private readonly LoopStatistics _statistics;
    private readonly DeadlineTimer _timer;
    private readonly long _prewarmLeadNs;
    private readonly Thread _thread;
    private volatile bool _stopRequested;
    private volatile bool _running;
    private Exception? _failure;
    private IReadOnlyList<string> _realtimeNotes = [];

    public ControlLoop(ControllerSettings settings, string backendName, bool backendIsSimulated, ControlTick tick, ModeManager modes,
        LoopStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _tick = tick;
        _modes = modes;
        _statistics = statistics;
        _timer = new DeadlineTimer(settings.PeriodNs, settings.Realtime.SpinUs * 1000L);
        _prewarmLeadNs = Math.Min(settings.Realtime.PolicyPrewarmUs * 1000L, settings.PeriodNs);
        Pause = new LoopPause(backendName, backendIsSimulated, this);
        _thread = new Thread(Run) { IsBackground = true, Name = "control-loop", Priority = ThreadPriority.Highest };
    }

    public LoopPause Pause { get; }

    public bool IsRunning => _running;

    /// <summary>The exception that stopped the loop thread, if it died.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Ticks skipped because the loop ran late.</summary>
    public long Overruns => _timer.Overruns;

    /// <summary>What became of each real-time option, once the loop thread has applied them.</summary>
    public IReadOnlyList<string> RealtimeNotes => Volatile.Read(ref _realtimeNotes);

    public void Start()
    {
        _running = true;
        _thread.Start();
    }

    /// <summary>Ends the loop after its current tick and waits for the thread.</summary>
    public void Stop()
    {
        _stopRequested = true;
        _thread.Join();
        _running = false;
    }

    /// <summary>Why a request got no answer: the loop died, or it did not answer in time.</summary>
    public string NoAnswer() => Failure is { } failure
        ? $"the control loop has stopped: {failure.Message}"
        : $"the control loop did not answer within {AnswerTimeout.TotalSeconds:F0} s";

    private void Run()
    {
        try
        {
            Volatile.Write(ref _realtimeNotes, RealtimeSetup.ApplyToCurrentThread(_settings, _prewarmLeadNs));
            _tick.RehearseBackendExchange();
            _statistics.StartCountingCompiledMethods();
            _timer.Start(LinuxClock.NowNs());
            while (!_stopRequested)
            {
                if (Pause.IsRequested) ParkWhilePaused();
                if (!_settings.FreeRun && _prewarmLeadNs > 0 && _modes.PolicyDueForInference is { } policy)
                    _statistics.Record(policy.WarmUpBefore(_timer, _prewarmLeadNs));
                var lateNs = _settings.FreeRun ? 0 : _timer.WaitNext();
                _tick.Run(lateNs);
            }
        }
#pragma warning disable CA1031 // The loop must end in a safe state whatever broke it; the failure is reported via Failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _failure, e);
            _tick.WriteTorqueOff();
        }
    }

    /// <summary>
    /// Parks until the pause ends, then restarts the deadlines from now, so the pause counts neither as overruns nor as a
    /// late wake-up. The rest of the loop's timing is counted in ticks, not read from the clock (stand-up, soft start, the
    /// policy's phase), and the safety layer needs no reset either: sensor age is measured against the tick's own read and
    /// backend errors are counted in a row, not timed.
    /// </summary>
    private void ParkWhilePaused()
    {
        Pause.ParkUntilEnded();
        _timer.Start(LinuxClock.NowNs());
    }
}
