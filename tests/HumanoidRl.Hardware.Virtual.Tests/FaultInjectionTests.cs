using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Hardware.Virtual.Tests;

/// <summary>Injected faults end in the documented per-motor counters, and the bus recovers afterwards.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FaultInjectionTests
{
    private static readonly MotorControlTable X = MotorModelCatalog.XSeriesTable;

    [Fact]
    public void Dropped_replies_count_as_timeouts_of_that_motor_only_and_the_next_cycle_succeeds()
    {
        using var harness = new PtyBusHarness(1, 2, 3);
        var group = new SyncReadGroup(X.PresentStateAddress, X.PresentStateSizeBytes, [1, 2, 3], fast: false);
        harness.VirtualBus.Faults.DropReplies(2, 2);

        Assert.Equal(2, harness.Bus.SyncRead(group));
        Assert.Equal(TransferStatus.Timeout, group.ResultAt(1).Status);
        Assert.Equal(2, harness.Bus.SyncRead(group));
        Assert.Equal(3, harness.Bus.SyncRead(group));

        Assert.Equal(2, harness.Bus.Counters[2].Timeouts);
        Assert.Equal(0, harness.Bus.Counters[2].ConsecutiveFailures);
        Assert.Equal(0, harness.Bus.Counters[1].Timeouts);
        Assert.Equal(0, harness.Bus.Counters[3].Timeouts);
    }

    [Fact]
    public void Corrupted_replies_count_as_crc_errors_and_the_receiver_resynchronizes_on_the_next_reply()
    {
        using var harness = new PtyBusHarness(1, 2);
        var group = new SyncReadGroup(X.PresentPosition.Address, 4, [1, 2], fast: false);
        harness.VirtualBus.Faults.CorruptReplies(1, 1);

        Assert.Equal(1, harness.Bus.SyncRead(group));
        Assert.Equal(TransferStatus.CrcError, group.ResultAt(0).Status);
        Assert.Equal(TransferStatus.Ok, group.ResultAt(1).Status);
        Assert.Equal(2, harness.Bus.SyncRead(group));

        Assert.Equal(1, harness.Bus.Counters[1].CrcErrors);
        Assert.Equal(0, harness.Bus.Counters[2].CrcErrors);
    }

    [Fact]
    public void Fast_sync_read_keeps_the_good_blocks_around_a_corrupted_one()
    {
        using var harness = new PtyBusHarness(1, 2, 3);
        var group = new SyncReadGroup(X.PresentPosition.Address, 4, [1, 2, 3], fast: true);
        harness.VirtualBus.Faults.CorruptReplies(2, 1);

        Assert.Equal(2, harness.Bus.SyncRead(group));
        Assert.Equal(TransferStatus.Ok, group.ResultAt(0).Status);
        Assert.Equal(TransferStatus.CrcError, group.ResultAt(1).Status);
        Assert.Equal(TransferStatus.Ok, group.ResultAt(2).Status);
        Assert.Equal(2048, group.GetInt32(2, X.PresentPosition.Address));
        Assert.Equal(1, harness.Bus.Counters[2].CrcErrors);
        Assert.Equal(3, harness.Bus.SyncRead(group));
    }

    [Fact]
    public void Fast_sync_read_cut_off_by_a_silent_motor_keeps_the_blocks_before_it_and_times_out_the_rest()
    {
        using var harness = new PtyBusHarness(1, 2, 3);
        var group = new SyncReadGroup(X.PresentPosition.Address, 4, [1, 2, 3], fast: true);
        harness.VirtualBus.Faults.DropReplies(2, 1);

        Assert.Equal(1, harness.Bus.SyncRead(group));
        Assert.Equal(TransferStatus.Ok, group.ResultAt(0).Status);
        Assert.Equal(TransferStatus.Timeout, group.ResultAt(1).Status);
        Assert.Equal(TransferStatus.Timeout, group.ResultAt(2).Status);
        Assert.Equal(1, harness.Bus.Counters[2].Timeouts);
        Assert.Equal(3, harness.Bus.SyncRead(group));
    }

    [Fact]
    public void Late_reply_times_out_and_is_flushed_so_it_cannot_answer_the_next_request()
    {
        using var harness = new PtyBusHarness(1);
        harness.VirtualBus.Faults.DelayReplies(1, 1, PtyBusHarness.ReplyMarginMs + 200);

        Span<byte> rdt = stackalloc byte[1];
        Assert.Equal(TransferStatus.Timeout, harness.Bus.Read(1, X.ReturnDelayTime.Address, rdt).Status);
        // The late 1-byte reply arrives while this 4-byte read waits; it must not be taken for its answer.
        Thread.Sleep(300);
        Span<byte> position = stackalloc byte[4];
        Assert.Equal(TransferStatus.Ok, harness.Bus.Read(1, X.PresentPosition.Address, position).Status);
        Assert.Equal(2048, BitConverter.ToInt32(position));
        Assert.Equal(1, harness.Bus.Counters[1].Timeouts);
        Assert.True(harness.Bus.Counters.Flushes >= 1);
    }

    [Fact]
    public void Garbage_on_the_line_is_discarded_and_counted_while_the_reply_behind_it_is_used()
    {
        using var harness = new PtyBusHarness(1);
        harness.VirtualBus.Faults.CorruptReplies(1, 1);
        Assert.Equal(TransferStatus.CrcError, harness.Bus.Ping(1, out _).Status);

        Assert.Equal(TransferStatus.Ok, harness.Bus.Ping(1, out var reply).Status);
        Assert.Equal(1020, reply.ModelNumber);
        Assert.True(harness.Bus.Counters.DiscardedBytes > 0);
    }
}
