using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Tests.Dynamixel.Protocol;

public sealed class PacketReceiverTests
{
    private readonly PacketReceiver _receiver = new(256);

    [Fact]
    public void Documented_ping_reply_parses_into_model_1030_and_firmware_38()
    {
        _receiver.Append(ReferenceVectors.PingId1Reply);

        Assert.Equal(ReceiveOutcome.Packet, _receiver.TryTake(out var packet));
        Assert.True(packet.IsStatus);
        Assert.Equal(1, packet.Id);
        Assert.True(packet.StatusError.IsOk);
        Assert.Equal(1030, BitConverter.ToUInt16(packet.StatusData));
        Assert.Equal(38, packet.StatusData[2]);
        Assert.Equal(0, _receiver.BufferedBytes);
    }

    [Theory]
    [MemberData(nameof(ReferenceVectors.AllPackets), MemberType = typeof(ReferenceVectors))]
    public void Every_documented_packet_is_accepted_with_its_id_and_instruction(string hex)
    {
        var bytes = ReferenceVectors.Hex(hex);
        _receiver.Append(bytes);

        Assert.Equal(ReceiveOutcome.Packet, _receiver.TryTake(out var packet));
        Assert.Equal(bytes[4], packet.Id);
        Assert.Equal(bytes[7], packet.Instruction);
        Assert.Equal(bytes.AsSpan(8, bytes.Length - 10).ToArray(), packet.Parameters.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFD })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFD, 0xFD })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFD, 0x00, 0xFF, 0xFF, 0xFD, 0xFD, 0xFD })]
    [InlineData(new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFD, 2, 0xFF })]
    public void Stuffed_parameters_round_trip_through_builder_and_receiver(byte[] parameters)
    {
        var wire = new byte[64];
        var size = PacketBuilder.Write(wire, 5, DynamixelInstruction.Write, parameters);
        Assert.Equal(-1, wire.AsSpan(4, size - 4).IndexOf(PacketLayout.Header));

        _receiver.Append(wire.AsSpan(0, size));

        Assert.Equal(ReceiveOutcome.Packet, _receiver.TryTake(out var packet));
        Assert.Equal(parameters, packet.Parameters.ToArray());
    }

    [Fact]
    public void Garbage_before_a_packet_is_rejected_with_its_length_and_the_packet_still_parses()
    {
        _receiver.Append([0x12, 0xFF, 0x00, 0xFD, 0xFF]);
        _receiver.Append(ReferenceVectors.PingId1Reply);

        Assert.Equal(ReceiveOutcome.Rejected, _receiver.TryTake(out _));
        Assert.Equal(PacketRejection.GarbageBeforeHeader, _receiver.LastRejection);
        Assert.Equal(5, _receiver.LastRejectedBytes);
        Assert.Equal(ReceiveOutcome.Packet, _receiver.TryTake(out var packet));
        Assert.Equal(1, packet.Id);
    }

    [Fact]
    public void Garbage_alone_is_discarded_except_a_possible_header_prefix()
    {
        _receiver.Append([1, 2, 3, 0xFF, 0xFF]);

        Assert.Equal(ReceiveOutcome.Rejected, _receiver.TryTake(out _));
        Assert.Equal(3, _receiver.LastRejectedBytes);
        Assert.Equal(ReceiveOutcome.NeedMoreBytes, _receiver.TryTake(out _));
        Assert.Equal(2, _receiver.BufferedBytes);
    }

    [Fact]
    public void Truncated_packet_waits_for_more_bytes_and_completes_when_they_arrive()
    {
        var reply = ReferenceVectors.SyncReadReplyId1Value166;
        _receiver.Append(reply.AsSpan(0, 9));
        Assert.Equal(ReceiveOutcome.NeedMoreBytes, _receiver.TryTake(out _));

        _receiver.Append(reply.AsSpan(9));
        Assert.Equal(ReceiveOutcome.Packet, _receiver.TryTake(out var packet));
        Assert.Equal(166, BitConverter.ToInt32(packet.StatusData));
    }

    [Fact]
    public void Corrupted_packet_is_rejected_for_its_crc_and_the_next_packet_is_found()
    {
        var corrupted = (byte[])ReferenceVectors.SyncReadReplyId1Value166.Clone();
        corrupted[9] ^= 0x01;
        _receiver.Append(corrupted);
        _receiver.Append(ReferenceVectors.PingId1Reply);

        Assert.Equal(ReceiveOutcome.Rejected, _receiver.TryTake(out _));
        Assert.Equal(PacketRejection.CrcMismatch, _receiver.LastRejection);
        Assert.Equal(corrupted, _receiver.CrcRejectedPacket.ToArray());
        Assert.Equal(ReceiveOutcome.Rejected, _receiver.TryTake(out _));
        Assert.Equal(PacketRejection.GarbageBeforeHeader, _receiver.LastRejection);
        Assert.Equal(ReceiveOutcome.Packet, _receiver.TryTake(out var packet));
        Assert.Equal(3, packet.StatusData.Length);
    }

    [Fact]
    public void Length_below_three_is_rejected_as_too_short()
    {
        _receiver.Append([0xFF, 0xFF, 0xFD, 0x00, 0x01, 0x02, 0x00, 0x55, 0x00]);

        Assert.Equal(ReceiveOutcome.Rejected, _receiver.TryTake(out _));
        Assert.Equal(PacketRejection.LengthTooShort, _receiver.LastRejection);
    }

    [Fact]
    public void Length_beyond_the_buffer_is_rejected_as_too_long()
    {
        _receiver.Append([0xFF, 0xFF, 0xFD, 0x00, 0x01, 0xFF, 0x7F, 0x55]);

        Assert.Equal(ReceiveOutcome.Rejected, _receiver.TryTake(out _));
        Assert.Equal(PacketRejection.LengthTooLong, _receiver.LastRejection);
    }
}
