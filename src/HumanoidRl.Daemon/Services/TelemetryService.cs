using Grpc.Core;
using HumanoidRl.Daemon.Streaming;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Services;

/// <summary>
/// humanoid.v1.Telemetry. StreamEvents is served from the daemon's event fan-out; StreamState and GetStatus
/// come with the controller's telemetry source (until then the base class answers UNIMPLEMENTED).
/// </summary>
public sealed class TelemetryService(DaemonEvents events) : V1.Telemetry.TelemetryBase
{
    public override async Task StreamEvents(V1.StreamEventsRequest request, IServerStreamWriter<V1.Event> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var subscription = events.Stream.Subscribe();
        // Headers now tell the client the subscription is live: nothing published from here on is missed.
        await context.WriteResponseHeadersAsync([]);
        await EventStreamer.CopyAsync(subscription, responseStream, context.CancellationToken);
    }
}
