using System.Threading.Channels;

namespace HumanoidRl.Daemon.Streaming;

/// <summary>
/// Hands each published item to every subscriber through its own bounded channel. Publishing never waits:
/// a subscriber whose channel is full is cut off (its reader ends with <see cref="SubscriberTooSlowException"/>),
/// so a slow or vanished client can never hold up the publisher.
/// </summary>
public sealed class FanOut<T>(int capacityPerSubscriber)
{
    private readonly Lock _gate = new();
    private Channel<T>[] _subscribers = [];

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacityPerSubscriber)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        lock (_gate) _subscribers = [.. _subscribers, channel];
        return new Subscription(this, channel);
    }

    /// <summary>Offers the item to every subscriber without blocking; drops the ones that are full.</summary>
    public void Publish(T item)
    {
        // Copy-on-write array: publishing reads it without taking the lock.
        foreach (var channel in Volatile.Read(ref _subscribers))
        {
            if (channel.Writer.TryWrite(item)) continue;
            if (channel.Writer.TryComplete(new SubscriberTooSlowException(capacityPerSubscriber))) Remove(channel);
        }
    }

    private void Remove(Channel<T> channel)
    {
        lock (_gate) _subscribers = [.. _subscribers.Where(c => c != channel)];
    }

    public sealed class Subscription : IDisposable
    {
        private readonly FanOut<T> _owner;
        private readonly Channel<T> _channel;

        internal Subscription(FanOut<T> owner, Channel<T> channel)
        {
            _owner = owner;
            _channel = channel;
        }

        public ChannelReader<T> Reader => _channel.Reader;

        public void Dispose()
        {
            _channel.Writer.TryComplete();
            _owner.Remove(_channel);
        }
    }
}
