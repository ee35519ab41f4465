using Grpc.Core;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>
/// Records a daemon's event stream from the moment it is opened, so a test can wait for an event that may already
/// have happened and print the whole history (mode changes, faults, lease changes) when an assertion fails.
/// </summary>
internal sealed class EventLog : IAsyncDisposable
{
    private readonly AsyncServerStreamingCall<V1.Event> _call;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<V1.Event> _events = [];
    private readonly Task _reader;

    private EventLog(AsyncServerStreamingCall<V1.Event> call)
    {
        _call = call;
        _reader = ReadAsync();
    }

    /// <summary>Subscribes and returns once the daemon has accepted the subscription.</summary>
    public static async Task<EventLog> OpenAsync(DaemonClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var call = client.Telemetry.StreamEvents(new V1.StreamEventsRequest());
        await call.ResponseHeadersAsync;
        return new EventLog(call);
    }

    /// <summary>The first recorded event that matches, waiting for it up to <see cref="DaemonClient.Patience"/>.</summary>
    public async Task<V1.Event> WaitForAsync(Func<V1.Event, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + DaemonClient.Patience;
        while (true)
        {
            lock (_events)
            {
                if (_events.FirstOrDefault(condition) is { } found) return found;
            }
            if (_reader.IsCompleted)
                throw new InvalidOperationException($"the event stream ended before {what}: {this}", _reader.Exception);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no event {what} within {DaemonClient.Patience.TotalSeconds} s: {this}");
            await Task.Delay(10);
        }
    }

    /// <summary>Every event so far, one per line.</summary>
    public override string ToString()
    {
        lock (_events) return string.Join("", _events.Select(e => $"\n  {e.TimeNs / 1_000_000} ms: {e.Message}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _call.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop.Token))
            {
                lock (_events) _events.Add(_call.ResponseStream.Current);
            }
        }
        catch (RpcException cancelled) when (cancelled.StatusCode == StatusCode.Cancelled && _stop.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
