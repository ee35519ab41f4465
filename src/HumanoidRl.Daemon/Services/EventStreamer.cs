using Grpc.Core;
using HumanoidRl.Daemon.Streaming;

namespace HumanoidRl.Daemon.Services;

/// <summary>Copies a fan-out subscription to a gRPC response stream until the client leaves or falls behind.</summary>
public static class EventStreamer
{
    public static Task CopyAsync<T>(FanOut<T>.Subscription subscription, IServerStreamWriter<T> stream, CancellationToken cancel) =>
        CopyAsync(subscription, stream, item => item, cancel);

    /// <summary>Writes <paramref name="message"/> of each item; a shared item is released once written.</summary>
    public static async Task CopyAsync<TItem, TMessage>(FanOut<TItem>.Subscription subscription, IServerStreamWriter<TMessage> stream,
        Func<TItem, TMessage> message, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(message);
        // Waiting without the token lets the channel reuse one waiter instead of making one per wait (hundreds a second
        // per subscriber); a client that leaves ends the subscription, which ends the wait.
        using var leave = cancel.Register(subscription.Dispose);
        var reader = subscription.Reader;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                while (reader.TryRead(out var item))
                {
                    try
                    {
                        await stream.WriteAsync(message(item), cancel);
                    }
                    finally
                    {
                        (item as ISharedItem)?.Release();
                    }
                }
            }
            cancel.ThrowIfCancellationRequested();
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
