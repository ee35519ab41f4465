namespace HumanoidRl.Hardware.Dynamixel.Protocol;

/// <summary>Error number in bits 0..6 of a status packet's ERR byte (e-Manual, Protocol 2.0, "Status Packet").</summary>
public enum StatusErrorCode : byte
{
    None = 0,
    ResultFail = 1,
    InstructionError = 2,
    CrcError = 3,
    DataRangeError = 4,
    DataLengthError = 5,
    DataLimitError = 6,
    AccessError = 7,
}

/// <summary>
/// The ERR byte of a status packet: bit 7 is the hardware Alert (read Hardware Error Status, address 70 on
/// X series), bits 0..6 the error number of the instruction just processed.
/// </summary>
public readonly record struct StatusError(byte Raw)
{
    private const byte AlertBit = 0x80;

    public bool Alert => (Raw & AlertBit) != 0;

    /// <summary>The error number; values above 7 are reported as they are, cast to the enum.</summary>
    public StatusErrorCode Code => (StatusErrorCode)(Raw & 0x7F);

    public bool IsOk => Raw == 0;

    public override string ToString()
    {
        var code = Code switch
        {
            StatusErrorCode.None => "no error",
            StatusErrorCode.ResultFail => "result fail (the instruction could not be processed)",
            StatusErrorCode.InstructionError => "instruction error (undefined instruction, or Action without Reg Write)",
            StatusErrorCode.CrcError => "CRC error (the device saw a corrupted packet)",
            StatusErrorCode.DataRangeError => "data range error (value outside the item's range)",
            StatusErrorCode.DataLengthError => "data length error (fewer bytes than the item needs)",
            StatusErrorCode.DataLimitError => "data limit error (value beyond the item's limit)",
            StatusErrorCode.AccessError => "access error (read-only/undefined address, or EEPROM write with torque on)",
            _ => $"unknown error number {(byte)Code}",
        };
        return Alert ? $"{code}; hardware alert set (read Hardware Error Status)" : code;
    }
}
