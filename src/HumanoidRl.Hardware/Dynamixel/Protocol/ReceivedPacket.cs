namespace HumanoidRl.Hardware.Dynamixel.Protocol;

/// <summary>
/// A packet that passed the CRC check, already unstuffed. The spans point into the receiver's buffer and
/// stay valid until the next call to the receiver.
/// </summary>
public readonly ref struct ReceivedPacket
{
    public ReceivedPacket(byte id, byte instruction, ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> wire)
    {
        Id = id;
        Instruction = instruction;
        Parameters = parameters;
        Wire = wire;
    }

    public byte Id { get; }

    /// <summary>The raw instruction byte (0x55 for status packets); unknown codes are passed through.</summary>
    public byte Instruction { get; }

    /// <summary>Everything between INST and CRC, unstuffed (for a status packet: the error byte, then the data).</summary>
    public ReadOnlySpan<byte> Parameters { get; }

    /// <summary>The packet as it was checked: header to CRC, before unstuffing (needed for Fast Sync Read block CRCs).</summary>
    public ReadOnlySpan<byte> Wire { get; }

    public bool IsStatus => Instruction == (byte)DynamixelInstruction.Status && Parameters.Length >= 1;

    /// <summary>The decoded error byte of a status packet.</summary>
    public StatusError StatusError => new(Parameters[0]);

    /// <summary>The data of a status packet (after the error byte).</summary>
    public ReadOnlySpan<byte> StatusData => Parameters[1..];
}
