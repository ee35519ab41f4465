namespace HumanoidRl.Hardware.Dynamixel.Protocol;

/// <summary>
/// Byte positions and limits of the Protocol 2.0 frame <c>FF FF FD 00 | ID | LEN_L LEN_H | INST | params | CRC_L CRC_H</c>.
/// </summary>
public static class PacketLayout
{
    public const byte BroadcastId = 0xFE;
    public const byte MaxDeviceId = 252;

    public const int IdOffset = 4;
    public const int LengthOffset = 5;
    public const int InstructionOffset = 7;
    public const int ParametersOffset = 8;

    /// <summary>Header, ID and LEN: the bytes before the ones LEN counts.</summary>
    public const int PrefixSize = 7;

    /// <summary>Header + ID + LEN + INST + CRC: a packet with no parameters.</summary>
    public const int MinimumPacketSize = 10;

    /// <summary>LEN counts the instruction byte and the two CRC bytes besides the parameters.</summary>
    public const int LengthOverhead = 3;

    public static ReadOnlySpan<byte> Header => [0xFF, 0xFF, 0xFD, 0x00];

    public static bool IsValidDeviceId(int id) => id is >= 0 and <= MaxDeviceId;
}
