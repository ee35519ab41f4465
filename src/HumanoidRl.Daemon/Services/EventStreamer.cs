using Grpc.Core;
using HumanoidRl.Daemon.Streaming;

namespace HumanoidRl.Daemon.Services;

/// <summary>Copies a fan-out subscription to a gRPC response stream until the client leaves or falls behind.</summary>
public static class EventStreamer
{
    public static async Task CopyAsync<T>(FanOut<T>.Subscription subscription, IServerStreamWriter<T> stream, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            await foreach (var item in subscription.Reader.ReadAllAsync(cancel)) await stream.WriteAsync(item, cancel);
        }
        catch (SubscriberTooSlowException slow)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, slow.Message));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client went away.
        }
    }
}
