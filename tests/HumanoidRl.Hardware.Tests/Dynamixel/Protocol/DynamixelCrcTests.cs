using System.Buffers.Binary;
using System.Text;
using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Tests.Dynamixel.Protocol;

public sealed class DynamixelCrcTests
{
    [Fact]
    public void Crc_of_123456789_is_the_catalogue_check_value_0xFEE8() =>
        Assert.Equal(0xFEE8, DynamixelCrc.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Theory]
    [MemberData(nameof(ReferenceVectors.AllPackets), MemberType = typeof(ReferenceVectors))]
    public void Crc_over_header_to_last_parameter_matches_each_documented_packet(string hex)
    {
        var packet = ReferenceVectors.Hex(hex);
        Assert.Equal(
            BinaryPrimitives.ReadUInt16LittleEndian(packet.AsSpan(packet.Length - 2)),
            DynamixelCrc.Compute(packet.AsSpan(0, packet.Length - 2)));
    }

    [Fact]
    public void Crc_continued_from_a_running_value_equals_crc_of_the_whole()
    {
        var bytes = ReferenceVectors.SyncWriteGoalPosition150And170;
        var running = DynamixelCrc.Compute(bytes.AsSpan(0, 9));
        Assert.Equal(DynamixelCrc.Compute(bytes.AsSpan(0, 20)), DynamixelCrc.Compute(bytes.AsSpan(9, 11), running));
    }
}
