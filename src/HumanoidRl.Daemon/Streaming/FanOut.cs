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
    private Subscription[] _subscribers = [];

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>Subscribes to every item, or with <paramref name="every"/> &gt; 1 to the sequences divisible by it.</summary>
    public Subscription Subscribe(long every = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacityPerSubscriber)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var subscription = new Subscription(this, channel, every);
        lock (_gate) _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    /// <summary>Offers the item to every subscriber without blocking; drops the ones that are full.</summary>
    public void Publish(T item)
    {
        // Copy-on-write array: publishing reads it without taking the lock.
        foreach (var subscriber in Volatile.Read(ref _subscribers)) Offer(subscriber, item);
    }

    /// <summary>Whether any subscriber wants item number <paramref name="sequence"/>, so that it is worth making.</summary>
    public bool Wants(long sequence)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            if (sequence % subscriber.Every == 0) return true;
        }
        return false;
    }

    /// <summary>Offers item number <paramref name="sequence"/> to the subscribers that want it.</summary>
    public void Publish(long sequence, T item)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            if (sequence % subscriber.Every == 0) Offer(subscriber, item);
        }
    }

    private void Offer(Subscription subscriber, T item)
    {
        // Taken before the write: the subscriber may write and release it before TryWrite returns.
        var shared = item as ISharedItem;
        shared?.Retain();
        if (subscriber.Writer.TryWrite(item)) return;
        shared?.Release();
        if (subscriber.Writer.TryComplete(new SubscriberTooSlowException(capacityPerSubscriber))) Remove(subscriber);
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate) _subscribers = [.. _subscribers.Where(s => s != subscription)];
    }

    public sealed class Subscription : IDisposable
    {
        private readonly FanOut<T> _owner;
        private readonly Channel<T> _channel;

        internal Subscription(FanOut<T> owner, Channel<T> channel, long every)
        {
            _owner = owner;
            _channel = channel;
            Every = every;
        }

        /// <summary>This subscriber receives the sequences divisible by this.</summary>
        public long Every { get; }

        public ChannelReader<T> Reader => _channel.Reader;

        internal ChannelWriter<T> Writer => _channel.Writer;

        public void Dispose()
        {
            _channel.Writer.TryComplete();
            _owner.Remove(this);
        }
    }
}
