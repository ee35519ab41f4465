using Grpc.Core;
using Grpc.Net.Client;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>The three humanoid services on one channel, with the waits integration tests need.</summary>
internal sealed class DaemonClient(GrpcChannel channel)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public V1.Control.ControlClient Control { get; } = new(channel);

    public V1.Telemetry.TelemetryClient Telemetry { get; } = new(channel);

    public V1.Policy.PolicyClient Policy { get; } = new(channel);

    public async Task<V1.Status> WaitForStatusAsync(Func<V1.Status, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = await Telemetry.GetStatusAsync(new V1.GetStatusRequest());
            if (condition(status)) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}; last status: {status}");
            await Task.Delay(10);
        }
    }

    public async Task SetModeAsync(string leaseId, V1.Mode mode)
    {
        await Control.SetModeAsync(new V1.SetModeRequest { LeaseId = leaseId, Mode = mode });
        await WaitForStatusAsync(s => s.Mode == mode, mode.ToString());
    }

    /// <summary>Damping, then StandUp, then waits until the controller accepts Policy (stand-up finished) if a policy is loaded.</summary>
    public async Task StandUpAsync(string leaseId, bool thenPolicy = false)
    {
        await SetModeAsync(leaseId, V1.Mode.Damping);
        await SetModeAsync(leaseId, V1.Mode.StandUp);
        if (!thenPolicy) return;
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                // Not waited for in the status: an untrained policy may fault back to Damping at once.
                await Control.SetModeAsync(new V1.SetModeRequest { LeaseId = leaseId, Mode = V1.Mode.Policy });
                return;
            }
            catch (RpcException refused) when (refused.StatusCode == StatusCode.FailedPrecondition && refused.Status.Detail.Contains("not reached the default pose", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Reads events until one matches.</summary>
    public static async Task<V1.Event> NextEventAsync(AsyncServerStreamingCall<V1.Event> events, Func<V1.Event, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await events.ResponseStream.MoveNext(timeout.Token))
        {
            if (condition(events.ResponseStream.Current)) return events.ResponseStream.Current;
        }
        throw new InvalidOperationException("the event stream ended");
    }
}
