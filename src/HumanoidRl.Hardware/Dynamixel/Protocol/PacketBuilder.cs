using System.Buffers.Binary;

namespace HumanoidRl.Hardware.Dynamixel.Protocol;

/// <summary>Writes complete Protocol 2.0 packets (header, LEN, stuffing, CRC) into a caller-owned buffer.</summary>
public static class PacketBuilder
{
    /// <summary>
    /// Writes <c>FF FF FD 00 ID LEN INST params CRC</c> with the parameters stuffed; returns the packet size.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is too small or the ID is neither 0..252 nor broadcast.</exception>
    public static int Write(Span<byte> destination, byte id, DynamixelInstruction instruction, ReadOnlySpan<byte> parameters)
    {
        CheckId(id);
        return WriteParts(destination, id, (byte)instruction, parameters, []);
    }

    /// <summary>Writes a status packet (instruction 0x55, error byte, data) as a device sends it.</summary>
    public static int WriteStatus(Span<byte> destination, byte id, byte error, ReadOnlySpan<byte> data)
    {
        CheckId(id);
        // The error byte is the first parameter; stuffing covers it and the data alike.
        Span<byte> scratch = stackalloc byte[1];
        scratch[0] = error;
        return WriteParts(destination, id, (byte)DynamixelInstruction.Status, scratch, data);
    }

    private static void CheckId(byte id)
    {
        if (!PacketLayout.IsValidDeviceId(id) && id != PacketLayout.BroadcastId)
        {
            throw new ArgumentException($"device ID {id} is outside 0..{PacketLayout.MaxDeviceId} and is not broadcast (254)", nameof(id));
        }
    }

    private static int WriteParts(Span<byte> destination, byte id, byte instruction, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        EnsureCapacity(destination, PacketLayout.MinimumPacketSize + first.Length + second.Length);
        // Stuffing runs over INST..params as one stream, so the instruction byte is stuffed together with them.
        var body = destination[PacketLayout.InstructionOffset..^2];
        var written = StuffStream(body, instruction, first, second);
        return Finish(destination, id, instruction, written - 1);
    }

    private static int StuffStream(Span<byte> body, byte instruction, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var written = 0;
        byte previous2 = 0, previous1 = 0;
        Append(body, ref written, instruction, ref previous2, ref previous1);
        foreach (var value in first) Append(body, ref written, value, ref previous2, ref previous1);
        foreach (var value in second) Append(body, ref written, value, ref previous2, ref previous1);
        return written;
    }

    private static void Append(Span<byte> body, ref int written, byte value, ref byte previous2, ref byte previous1)
    {
        EnsureRoom(body, written);
        body[written++] = value;
        if (previous2 == 0xFF && previous1 == 0xFF && value == 0xFD)
        {
            EnsureRoom(body, written);
            body[written++] = 0xFD;
        }
        previous2 = previous1;
        previous1 = value;
    }

    private static int Finish(Span<byte> destination, byte id, byte instruction, int parameterBytes)
    {
        PacketLayout.Header.CopyTo(destination);
        destination[PacketLayout.IdOffset] = id;
        BinaryPrimitives.WriteUInt16LittleEndian(
            destination[PacketLayout.LengthOffset..], (ushort)(parameterBytes + PacketLayout.LengthOverhead));
        destination[PacketLayout.InstructionOffset] = instruction;
        var crcOffset = PacketLayout.ParametersOffset + parameterBytes;
        var crc = DynamixelCrc.Compute(destination[..crcOffset]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[crcOffset..], crc);
        return crcOffset + 2;
    }

    private static void EnsureCapacity(Span<byte> destination, int size)
    {
        if (destination.Length < size)
        {
            throw new ArgumentException($"a {size}-byte packet does not fit the {destination.Length}-byte buffer", nameof(destination));
        }
    }

    private static void EnsureRoom(Span<byte> body, int written)
    {
        if (written >= body.Length)
        {
            throw new ArgumentException($"the stuffed packet does not fit the buffer ({body.Length} bytes for INST..params)", nameof(body));
        }
    }
}
