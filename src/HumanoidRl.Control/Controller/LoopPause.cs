namespace HumanoidRl.Control.Controller;

/// <summary>
/// Parks the loop thread between two ticks, so that a benchmark can measure something else on the same cores without
/// the loop's load. While paused nothing ticks (the simulated physics stands still) and requests get no answer, as from
/// a stalled loop. Simulator only, because on a robot a paused loop stops commanding the motors. The loop thread takes
/// the pause's lock only while a pause is requested, and no request thread takes it: the loop stays off every lock the
/// gRPC side uses.
/// </summary>
public sealed class LoopPause
{
    private readonly object _gate = new();
    private readonly string _backendName;
    private readonly bool _backendIsSimulated;
    private readonly ControlLoop _loop;
    private volatile bool _requested;
    private bool _parked;

    internal LoopPause(string backendName, bool backendIsSimulated, ControlLoop loop)
    {
        _backendName = backendName;
        _backendIsSimulated = backendIsSimulated;
        _loop = loop;
    }

    /// <summary>Loop thread: whether to park before the next tick.</summary>
    internal bool IsRequested => _requested;

    /// <summary>Pauses the loop and returns once it is parked; refused (InvalidOperationException) off the simulator.</summary>
    public void Begin()
    {
        if (!_backendIsSimulated)
        {
            throw new InvalidOperationException(
                $"the control loop can be held only on a simulator: backend {_backendName} drives motors, " +
                "which a held loop would stop commanding");
        }
        if (!_loop.IsRunning) throw new InvalidOperationException("the controller is not running: there is no loop to hold");
        lock (_gate)
        {
            _requested = true;
            var deadline = Environment.TickCount64 + (long)ControlLoop.AnswerTimeout.TotalMilliseconds;
            while (!_parked)
            {
                var leftMs = deadline - Environment.TickCount64;
                if (leftMs <= 0 || _loop.Failure is not null)
                {
                    _requested = false;
                    throw new InvalidOperationException(_loop.NoAnswer());
                }
                Monitor.Wait(_gate, (int)leftMs);
            }
        }
    }

    /// <summary>Lets a paused loop run again (nothing if it is not paused).</summary>
    public void End()
    {
        lock (_gate)
        {
            _requested = false;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Loop thread, between two ticks: parks until <see cref="End"/>.</summary>
    internal void ParkUntilEnded()
    {
        lock (_gate)
        {
            _parked = true;
            Monitor.PulseAll(_gate);
            while (_requested) Monitor.Wait(_gate);
            _parked = false;
        }
    }
}
