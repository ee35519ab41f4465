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
}
