namespace HumanoidRl.Hardware.Dynamixel.Protocol;

/// <summary>Why the receiver threw bytes away; after each it resynchronizes on the next header.</summary>
public enum PacketRejection
{
    None,

    /// <summary>Bytes before a header (line noise, the tail of a broken packet, or an echo).</summary>
    GarbageBeforeHeader,

    /// <summary>LEN is smaller than the 3 bytes (INST + CRC) every packet has.</summary>
    LengthTooShort,

    /// <summary>LEN announces a packet larger than the receive buffer: almost always a corrupted LEN.</summary>
    LengthTooLong,

    /// <summary>The CRC over the packet as received does not match its last two bytes.</summary>
    CrcMismatch,
}
