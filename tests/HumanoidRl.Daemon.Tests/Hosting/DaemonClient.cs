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
            catch (RpcException refused) when (refused.StatusCode == StatusCode.FailedPrecondition &&
                refused.Status.Detail.Contains("not reached the default pose", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Reads events until one matches; when none does in time, the failure lists the events read instead.</summary>
    public static async Task<V1.Event> NextEventAsync(AsyncServerStreamingCall<V1.Event> events, Func<V1.Event, bool> condition) =>
        (await NextEventsAsync(events, condition))[0];

    /// <summary>
    /// Reads events until each condition has matched one, in any order: the loop's events (mode changes, faults)
    /// reach the stream through the telemetry pump, the daemon's own (lease changes) directly, so two of them
    /// raised by one cause may arrive either way round. Returns the matches in the order of the conditions.
    /// </summary>
    public static async Task<V1.Event[]> NextEventsAsync(
        AsyncServerStreamingCall<V1.Event> events, params Func<V1.Event, bool>[] conditions)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var matches = new V1.Event?[conditions.Length];
        var skipped = new List<string>();
        try
        {
            while (await events.ResponseStream.MoveNext(timeout.Token))
            {
                var current = events.ResponseStream.Current;
                var index = Enumerable.Range(0, conditions.Length).FirstOrDefault(i => matches[i] is null && conditions[i](current), -1);
                if (index < 0)
                {
                    skipped.Add(current.ToString());
                    continue;
                }
                matches[index] = current;
                if (Array.TrueForAll(matches, match => match is not null)) return [.. matches.Select(match => match!)];
            }
        }
        catch (RpcException cancelled) when (cancelled.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{Unmatched(matches)} of {conditions.Length} events not seen within {Patience.TotalSeconds} s; " +
                $"read instead: [{string.Join(", ", skipped)}]", cancelled);
        }
        throw new InvalidOperationException(
            $"the event stream ended with {Unmatched(matches)} of {conditions.Length} events not seen; " +
            $"read before: [{string.Join(", ", skipped)}]");
    }

    private static int Unmatched(V1.Event?[] matches) => matches.Count(match => match is null);
}
