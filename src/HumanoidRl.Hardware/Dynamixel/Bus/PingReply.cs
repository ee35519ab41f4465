namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>What a Ping reply carries: model number (e.g. 1020 = XM430-W350) and firmware version.</summary>
public readonly record struct PingReply(byte Id, ushort ModelNumber, byte Firmware);
