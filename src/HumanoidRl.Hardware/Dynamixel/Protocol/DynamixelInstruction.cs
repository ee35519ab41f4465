namespace HumanoidRl.Hardware.Dynamixel.Protocol;

/// <summary>Instruction byte of a Protocol 2.0 packet (e-Manual, Protocol 2.0, "Instruction").</summary>
public enum DynamixelInstruction : byte
{
    Ping = 0x01,
    Read = 0x02,
    Write = 0x03,
    RegWrite = 0x04,
    Action = 0x05,
    FactoryReset = 0x06,
    Reboot = 0x08,
    Clear = 0x10,
    Status = 0x55,
    SyncRead = 0x82,
    SyncWrite = 0x83,
    FastSyncRead = 0x8A,
    BulkRead = 0x92,
    BulkWrite = 0x93,
    FastBulkRead = 0x9A,
}
