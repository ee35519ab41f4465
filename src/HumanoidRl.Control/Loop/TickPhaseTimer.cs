namespace HumanoidRl.Control.Loop;

/// <summary>
/// Splits one loop tick into the backend exchange (Read and Write: the simulator's physics here, the serial bus
/// on hardware) and the controller's own compute (everything else: observation, policy, action mapping, safety,
/// telemetry), which runs on the robot computer whatever the backend. Timestamps come from the caller
/// (monotonic ns), so the split is exact arithmetic over them; owned by the loop thread, no allocation.
/// </summary>
public sealed class TickPhaseTimer
{
    private long _tickStartNs;
    private long _backendStartNs;
    private long _backendNs;
    private bool _inBackend;

    /// <summary>Backend time of the current tick so far (ns).</summary>
    public long BackendNs => _backendNs;

    /// <summary>Starts a tick at <paramref name="nowNs"/> with no backend time yet.</summary>
    public void StartTick(long nowNs)
    {
        _tickStartNs = nowNs;
        _backendNs = 0;
        _inBackend = false;
    }

    /// <summary>A backend call (Read or Write) starts.</summary>
    public void EnterBackend(long nowNs)
    {
        if (_inBackend) throw new InvalidOperationException("EnterBackend called twice without ExitBackend");
        _backendStartNs = nowNs;
        _inBackend = true;
    }

    /// <summary>The backend call returned; its duration is added to the tick's backend time.</summary>
    public void ExitBackend(long nowNs)
    {
        if (!_inBackend) throw new InvalidOperationException("ExitBackend called without EnterBackend");
        _backendNs += nowNs - _backendStartNs;
        _inBackend = false;
    }

    /// <summary>
    /// The controller's own compute from the tick start to <paramref name="nowNs"/> (ns): elapsed time minus backend time.
    /// </summary>
    public long ControllerNs(long nowNs) => nowNs - _tickStartNs - _backendNs;
}
