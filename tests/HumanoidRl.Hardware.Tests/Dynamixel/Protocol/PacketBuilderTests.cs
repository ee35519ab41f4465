using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Tests.Dynamixel.Protocol;

public sealed class PacketBuilderTests
{
    private readonly byte[] _buffer = new byte[256];

    private byte[] Build(byte id, DynamixelInstruction instruction, ReadOnlySpan<byte> parameters) =>
        _buffer.AsSpan(0, PacketBuilder.Write(_buffer, id, instruction, parameters)).ToArray();

    [Fact]
    public void Ping_packets_match_the_reference()
    {
        Assert.Equal(ReferenceVectors.PingId1, Build(1, DynamixelInstruction.Ping, []));
        Assert.Equal(ReferenceVectors.BroadcastPing, Build(PacketLayout.BroadcastId, DynamixelInstruction.Ping, []));
    }

    [Fact]
    public void Sync_read_and_fast_sync_read_requests_of_a_group_match_the_reference()
    {
        var syncRead = new SyncReadGroup(132, 4, [1, 2], fast: false);
        var fast = new SyncReadGroup(132, 4, [3, 7, 4], fast: true);
        Assert.Equal(
            ReferenceVectors.SyncReadPresentPositionIds1And2,
            Build(PacketLayout.BroadcastId, DynamixelInstruction.SyncRead, syncRead.Parameters));
        Assert.Equal(
            ReferenceVectors.FastSyncReadIds3_7_4, Build(PacketLayout.BroadcastId, DynamixelInstruction.FastSyncRead, fast.Parameters));
    }

    [Fact]
    public void Sync_write_of_a_group_matches_the_reference()
    {
        var group = new SyncWriteGroup(116, 4, [1, 2]);
        group.SetInt32(0, 150);
        group.SetInt32(1, 170);
        Assert.Equal(
            ReferenceVectors.SyncWriteGoalPosition150And170,
            Build(PacketLayout.BroadcastId, DynamixelInstruction.SyncWrite, group.Parameters));
    }

    [Fact]
    public void Status_packets_match_the_reference_replies()
    {
        var ping = _buffer.AsSpan(0, PacketBuilder.WriteStatus(_buffer, 1, 0, [0x06, 0x04, 38])).ToArray();
        Assert.Equal(ReferenceVectors.PingId1Reply, ping);
        var read = _buffer.AsSpan(0, PacketBuilder.WriteStatus(_buffer, 1, 0, [166, 0, 0, 0])).ToArray();
        Assert.Equal(ReferenceVectors.SyncReadReplyId1Value166, read);
    }

    [Fact]
    public void Header_pattern_in_parameters_is_stuffed_and_len_counts_the_stuffed_bytes()
    {
        var packet = Build(1, DynamixelInstruction.Write, [0x10, 0x00, 0xFF, 0xFF, 0xFD, 0x00]);
        Assert.Equal(ReferenceVectors.Hex("FF FF FD 00 01 0A 00 03 10 00 FF FF FD FD 00"), packet[..^2]);
        Assert.Equal(DynamixelCrc.Compute(packet.AsSpan(0, packet.Length - 2)), BitConverter.ToUInt16(packet, packet.Length - 2));
    }

    [Fact]
    public void Id_above_252_that_is_not_broadcast_is_refused_with_the_id_in_the_message()
    {
        var error = Assert.Throws<ArgumentException>(() => PacketBuilder.Write(_buffer, 253, DynamixelInstruction.Ping, []));
        Assert.Contains("253", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packet_larger_than_the_buffer_is_refused()
    {
        var small = new byte[12];
        Assert.Throws<ArgumentException>(() => PacketBuilder.Write(small, 1, DynamixelInstruction.Write, new byte[8]));
    }
}
