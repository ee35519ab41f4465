using HumanoidRl.Daemon.Streaming;

namespace HumanoidRl.Daemon.Tests.Streaming;

public sealed class FanOutTests
{
    [Fact]
    public void Publish_delivers_every_item_to_every_subscriber_in_order()
    {
        var fanOut = new FanOut<int>(8);
        using var first = fanOut.Subscribe();
        using var second = fanOut.Subscribe();

        for (var i = 0; i < 5; i++) fanOut.Publish(i);

        foreach (var subscription in new[] { first, second })
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.True(subscription.Reader.TryRead(out var item));
                Assert.Equal(i, item);
            }
        }
    }

    [Fact]
    public async Task Publish_cuts_off_a_subscriber_whose_buffer_is_full_and_keeps_serving_the_others()
    {
        var fanOut = new FanOut<int>(4);
        using var slow = fanOut.Subscribe();
        using var fast = fanOut.Subscribe();

        for (var i = 0; i < 10; i++)
        {
            fanOut.Publish(i);
            Assert.True(fast.Reader.TryRead(out _));
        }

        Assert.Equal(1, fanOut.SubscriberCount);
        var items = new List<int>();
        var error = await Assert.ThrowsAsync<SubscriberTooSlowException>(async () =>
        {
            await foreach (var item in slow.Reader.ReadAllAsync()) items.Add(item);
        });
        Assert.Equal([0, 1, 2, 3], items);
        Assert.Contains("4 messages behind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_unsubscribes()
    {
        var fanOut = new FanOut<int>(4);
        var subscription = fanOut.Subscribe();

        subscription.Dispose();

        Assert.Equal(0, fanOut.SubscriberCount);
    }

    [Fact]
    public void A_shared_item_returns_to_its_pool_only_after_the_publisher_and_every_subscriber_that_took_it_released_it()
    {
        var pool = new SharedState.Pool();
        var fanOut = new FanOut<SharedState>(4);
        using var first = fanOut.Subscribe();
        using var second = fanOut.Subscribe();
        using var notThisOne = fanOut.Subscribe(every: 2);
        var state = pool.Rent();

        fanOut.Publish(1, state);
        state.Release();
        Assert.True(first.Reader.TryRead(out var firstCopy));
        firstCopy!.Release();
        var whileSecondHoldsIt = pool.Rent();
        Assert.True(second.Reader.TryRead(out var secondCopy));
        secondCopy!.Release();

        Assert.NotSame(state, whileSecondHoldsIt);
        Assert.False(notThisOne.Reader.TryRead(out _));
        Assert.Same(state, pool.Rent());
    }

    [Fact]
    public void A_subscriber_cut_off_for_a_full_buffer_holds_no_reference_to_the_item_it_did_not_take()
    {
        var pool = new SharedState.Pool();
        var fanOut = new FanOut<SharedState>(1);
        using var slow = fanOut.Subscribe();
        var kept = pool.Rent();
        fanOut.Publish(0, kept);
        kept.Release();

        var refused = pool.Rent();
        fanOut.Publish(1, refused);
        refused.Release();

        Assert.Equal(0, fanOut.SubscriberCount);
        Assert.Same(refused, pool.Rent());
    }

    [Fact]
    public void Releasing_a_shared_item_once_too_often_is_an_error()
    {
        var state = new SharedState.Pool().Rent();
        state.Release();

        Assert.Throws<InvalidOperationException>(state.Release);
    }

    [Fact]
    public void Wants_is_true_when_a_subscriber_takes_that_sequence()
    {
        var fanOut = new FanOut<int>(4);
        Assert.False(fanOut.Wants(0));
        using var everyThird = fanOut.Subscribe(every: 3);

        Assert.True(fanOut.Wants(3));
        Assert.False(fanOut.Wants(4));
    }
}
