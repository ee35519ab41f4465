using System.Globalization;
using Grpc.Core;
using HumanoidRl.Control.Controller;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Lease;
using HumanoidRl.Daemon.Robot;
using HumanoidRl.Daemon.Streaming;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Services;

/// <summary>humanoid.v1.Telemetry: state at a requested rate, status snapshots, and the event stream.</summary>
public sealed class TelemetryService(DaemonRobot robot, TelemetryPump pump, DaemonEvents events, OperatorLease lease, DaemonConfig config)
    : V1.Telemetry.TelemetryBase
{
    public override async Task StreamState(V1.StreamStateRequest request, IServerStreamWriter<V1.RobotState> responseStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        using var subscription = pump.States.Subscribe(Decimation(request.RateHz, pump.LoopRateHz));
        await context.WriteResponseHeadersAsync([]);
        await EventStreamer.CopyAsync(subscription, responseStream, state => state.Message, context.CancellationToken);
    }

    public override Task<V1.Status> GetStatus(V1.GetStatusRequest request, ServerCallContext context)
    {
        var controller = robot.Controller;
        var status = controller.Status();
        var reply = new V1.Status
        {
            Mode = ModeNames.ToProto(status.Mode),
            Fault = status.LastFault ?? "",
            Loop = TelemetryMessages.Loop(status),
            LeaseHolder = lease.Holder ?? "",
            LeaseWindowMs = config.LeaseWindowMs,
            Backend = status.Backend,
            LoopRateHz = pump.LoopRateHz,
            PolicyPath = controller.PolicyPath ?? "",
        };
        reply.JointNames.Add(robot.Config.Joints.Select(j => j.Name));
        reply.RealtimeNotes.Add(status.RealtimeNotes);
        var sample = new TelemetrySample(controller.Settings.JointCount);
        reply.Command = controller.Telemetry.TryReadLatest(sample) ? TelemetryMessages.Command(sample) : new V1.VelocityCommand();
        return Task.FromResult(reply);
    }

    public override async Task StreamEvents(V1.StreamEventsRequest request, IServerStreamWriter<V1.Event> responseStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var subscription = events.Stream.Subscribe();
        // Headers now tell the client the subscription is live: nothing published from here on is missed.
        await context.WriteResponseHeadersAsync([]);
        await EventStreamer.CopyAsync(subscription, responseStream, context.CancellationToken);
    }

    /// <summary>Every how many ticks a subscriber at the requested rate gets a state.</summary>
    internal static long Decimation(double rateHz, double loopRateHz)
    {
        if (rateHz == 0) return 1;
        if (!double.IsFinite(rateHz) || rateHz < 1 || rateHz > loopRateHz + 1e-9)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, string.Create(CultureInfo.InvariantCulture,
                $"rate_hz: {rateHz} is out of range (expected 0 for the loop rate, or 1 to {loopRateHz} Hz)")));
        }
        return Math.Max(1, (long)Math.Round(loopRateHz / rateHz));
    }
}
