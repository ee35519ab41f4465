namespace HumanoidRl.Hardware.Dynamixel.Protocol;

/// <summary>
/// CRC-16 of Dynamixel Protocol 2.0: polynomial 0x8005, initial value 0, not reflected, no final XOR
/// (CRC-16/BUYPASS). Table-driven; the check value of ASCII "123456789" is 0xFEE8.
/// </summary>
public static class DynamixelCrc
{
    private const ushort Polynomial = 0x8005;

    private static readonly ushort[] Table = BuildTable();

    /// <summary>CRC of <paramref name="bytes"/>, continuing from <paramref name="running"/> (0 to start).</summary>
    public static ushort Compute(ReadOnlySpan<byte> bytes, ushort running = 0)
    {
        var crc = running;
        foreach (var value in bytes)
        {
            crc = (ushort)((crc << 8) ^ Table[((crc >> 8) ^ value) & 0xFF]);
        }
        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var index = 0; index < table.Length; index++)
        {
            var crc = (ushort)(index << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ Polynomial) : (ushort)(crc << 1);
            }
            table[index] = crc;
        }
        return table;
    }
}
