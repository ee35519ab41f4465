using System.Buffers.Binary;
using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// A Protocol 2.0 device on the virtual bus: ID, model number, firmware and a control table held as a byte
/// array, with the access rules of the real device (read-only items, EEPROM locked while torque is on).
/// </summary>
public abstract class VirtualDevice
{
    private const ushort ModelNumberAddress = 0;
    private const ushort FirmwareAddress = 6;
    private const ushort IdAddress = 7;

    protected VirtualDevice(byte id, ushort modelNumber, byte firmware, int controlTableBytes)
    {
        if (!PacketLayout.IsValidDeviceId(id))
            throw new ArgumentOutOfRangeException(nameof(id), id, $"device IDs are 0..{PacketLayout.MaxDeviceId}");
        ControlTable = new byte[controlTableBytes];
        BinaryPrimitives.WriteUInt16LittleEndian(ControlTable.AsSpan(ModelNumberAddress), modelNumber);
        ControlTable[FirmwareAddress] = firmware;
        ControlTable[IdAddress] = id;
    }

    public byte Id => ControlTable[IdAddress];

    public ushort ModelNumber => BinaryPrimitives.ReadUInt16LittleEndian(ControlTable.AsSpan(ModelNumberAddress));

    public byte Firmware => ControlTable[FirmwareAddress];

    /// <summary>The device's memory, as Read returns it.</summary>
    public byte[] ControlTable { get; }

    /// <summary>The ERR byte's Alert bit: set while the device has a hardware error.</summary>
    public virtual bool HardwareAlert => false;

    /// <summary>Checks a read of <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public StatusErrorCode CheckRead(int address, int length) =>
        address + length <= ControlTable.Length ? StatusErrorCode.None : StatusErrorCode.AccessError;

    /// <summary>Writes if the device would accept it, else returns the error number it would answer with.</summary>
    public StatusErrorCode Write(int address, ReadOnlySpan<byte> data)
    {
        if (address + data.Length > ControlTable.Length) return StatusErrorCode.AccessError;
        var check = CheckWrite(address, data);
        if (check != StatusErrorCode.None) return check;
        data.CopyTo(ControlTable.AsSpan(address));
        AfterWrite(address, data.Length);
        return StatusErrorCode.None;
    }

    /// <summary>Reboot: volatile state back to power-on values (clears Hardware Error Status on motors).</summary>
    public virtual void Reboot()
    {
    }

    /// <summary>Side effects of a write the device accepted.</summary>
    protected virtual void AfterWrite(int address, int length)
    {
    }

    /// <summary>Device-specific write rules; the default refuses the model number and firmware items.</summary>
    protected virtual StatusErrorCode CheckWrite(int address, ReadOnlySpan<byte> data) =>
        Overlaps(address, data.Length, ModelNumberAddress, FirmwareAddress + 1) ? StatusErrorCode.AccessError : StatusErrorCode.None;

    /// <summary>Whether [address, address+length) touches [start, end).</summary>
    protected static bool Overlaps(int address, int length, int start, int end) => address < end && start < address + length;
}
