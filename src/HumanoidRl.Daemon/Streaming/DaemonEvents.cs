using System.Diagnostics;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Streaming;

/// <summary>The event stream every StreamEvents subscriber receives: mode changes, faults, lease and policy changes.</summary>
public sealed class DaemonEvents
{
    /// <summary>Events are rare; a client 256 behind has stopped reading.</summary>
    public const int CapacityPerSubscriber = 256;

    public FanOut<V1.Event> Stream { get; } = new(CapacityPerSubscriber);

    public void LeaseChanged(V1.LeaseChanged.Types.Change change, string holder, string message) =>
        Publish(new V1.Event { Message = message, LeaseChanged = new V1.LeaseChanged { Change = change, Holder = holder } });

    /// <summary>Publishes the event stamped now (or keeps the monotonic time it already carries).</summary>
    public void Publish(V1.Event item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.TimeNs == 0) item.TimeNs = MonotonicNs();
        Stream.Publish(item);
    }

    // Stopwatch reads CLOCK_MONOTONIC on Linux, the clock the control loop stamps its events with.
    private static long MonotonicNs() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
}
