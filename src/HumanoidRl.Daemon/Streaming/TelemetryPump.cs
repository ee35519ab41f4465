using System.Globalization;
using HumanoidRl.Control.Controller;
using HumanoidRl.Daemon.Services;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Streaming;

/// <summary>
/// One thread per daemon that follows the controller's telemetry ring by sequence and its event ring, and fans
/// them out: state samples to the StreamState subscribers (each at its own decimation), loop events to the
/// event stream. The loop never waits for it; a subscriber that falls behind is dropped by the fan-out.
/// </summary>
public sealed class TelemetryPump : IHostedService, IDisposable
{
    /// <summary>About 0.2 s of state at 500 Hz: a client further behind is not watching live any more.</summary>
    public const int StateCapacityPerSubscriber = 100;

    private static readonly TimeSpan StatisticsRefresh = TimeSpan.FromMilliseconds(100);

    private readonly RobotController _controller;
    private readonly DaemonEvents _events;
    private readonly TelemetrySample _sample;
    private readonly SharedState.Pool _messages = new();
    private readonly List<ControllerEvent> _loopEvents = [];
    private readonly Thread _thread;
    private readonly TimeSpan _pollInterval;
    private volatile bool _stop;
    private long _nextSample;
    private long _nextEvent;
    private V1.LoopStatistics _loop = new();
    private long _loopRefreshedAt;

    public TelemetryPump(RobotController controller, DaemonEvents events)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        _events = events;
        _sample = new TelemetrySample(controller.Settings.JointCount);
        // Half a loop period, at least 1 ms: a subscriber at the loop rate gets each sample within a period.
        _pollInterval = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, controller.Settings.PeriodNs / 200));
        _thread = new Thread(Run) { IsBackground = true, Name = "telemetry-pump" };
    }

    public FanOut<SharedState> States { get; } = new(StateCapacityPerSubscriber);

    public double LoopRateHz => 1e9 / _controller.Settings.PeriodNs;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Start at the newest sample: subscribers want live state, not history.
        _nextSample = _controller.Telemetry.Published;
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stop = true;
        if (_thread.IsAlive) _thread.Join();
        PumpOnce();
        return Task.CompletedTask;
    }

    public void Dispose() => _stop = true;

    private void Run()
    {
        while (!_stop)
        {
            PumpOnce();
            Thread.Sleep(_pollInterval);
        }
    }

    private void PumpOnce()
    {
        PumpEvents();
        PumpStates();
    }

    private void PumpEvents()
    {
        _loopEvents.Clear();
        var lost = _controller.Events.ReadFrom(ref _nextEvent, _loopEvents);
        if (lost > 0)
            _events.Publish(new V1.Event { Message = string.Create(CultureInfo.InvariantCulture,
                $"{lost} loop events were lost (the event ring overflowed)") });
        foreach (var loopEvent in _loopEvents) _events.Publish(TelemetryMessages.Event(loopEvent, _controller.PolicyPath));
    }

    private void PumpStates()
    {
        var ring = _controller.Telemetry;
        var published = ring.Published;
        // Too far behind (the pump was starved): skip to what the ring still holds.
        if (published - _nextSample > ring.Capacity / 2) _nextSample = published - 1;
        if (States.SubscriberCount == 0)
        {
            _nextSample = published;
            return;
        }
        RefreshLoopStatistics();
        for (; _nextSample < published; _nextSample++)
        {
            if (!ring.TryRead(_nextSample, _sample) || !States.Wants(_sample.Tick)) continue;
            var state = _messages.Rent();
            TelemetryMessages.FillState(state.Message, _sample, _loop);
            States.Publish(_sample.Tick, state);
            state.Release();
        }
    }

    /// <summary>Percentiles scan histograms, so the statistics attached to states are refreshed a few times a second.</summary>
    private void RefreshLoopStatistics()
    {
        var now = Environment.TickCount64;
        if (now - _loopRefreshedAt < StatisticsRefresh.TotalMilliseconds) return;
        _loopRefreshedAt = now;
        _loop = TelemetryMessages.Loop(_controller.Status());
    }
}
