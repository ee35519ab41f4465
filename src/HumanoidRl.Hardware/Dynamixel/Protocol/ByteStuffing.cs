namespace HumanoidRl.Hardware.Dynamixel.Protocol;

/// <summary>
/// Protocol 2.0 byte stuffing: between the instruction byte and the last parameter every <c>FF FF FD</c>
/// is sent as <c>FF FF FD FD</c>, so the header <c>FF FF FD 00</c> can never appear inside a packet.
/// Stuffing is done while a packet is built (<see cref="PacketBuilder"/>); this undoes it after the CRC check.
/// </summary>
public static class ByteStuffing
{
    /// <summary>Removes stuffing in place; returns the new length.</summary>
    public static int Unstuff(Span<byte> bytes)
    {
        var written = 0;
        for (var index = 0; index < bytes.Length; index++)
        {
            bytes[written++] = bytes[index];
            // After an FF FF FD (in the unstuffed output) the next FD is the stuffing byte.
            if (written >= 3 && bytes[written - 3] == 0xFF && bytes[written - 2] == 0xFF && bytes[written - 1] == 0xFD
                && index + 1 < bytes.Length && bytes[index + 1] == 0xFD)
            {
                index++;
            }
        }
        return written;
    }
}
