using System.Buffers.Binary;
using HumanoidRl.Hardware.Dynamixel.Protocol;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Hardware.VirtualBus;

/// <summary>
/// An X-series motor (control table of the reference file) driven by one joint of an <see cref="IVirtualPlant"/>.
/// Only current control is emulated: with Torque Enable = 1 and Operating Mode = 0 the plant gets Goal Current,
/// otherwise 0 A. Plant angle 0 reads as 2048 counts, the horn centre.
/// </summary>
public sealed class VirtualXSeriesMotor : VirtualDevice
{
    /// <summary>Last address of the X-series control table (Indirect Data 56) + 1.</summary>
    private const int ControlTableBytes = 662;
    private const int EepromEnd = 64;
    private const int CenterCounts = 2048;
    private const byte CurrentControlMode = 0;
    private const ushort RealtimeTickAddress = 120;
    private const ushort PresentAreaEnd = 147;

    private readonly MotorControlTable _table;

    public VirtualXSeriesMotor(byte id, MotorModel model, byte firmware = 46)
        : base(id, (model ?? throw new ArgumentNullException(nameof(model))).ModelNumber, firmware, ControlTableBytes)
    {
        if (model.ControlTable != MotorModelCatalog.XSeriesTable)
        {
            throw new ArgumentException($"{model.Name} is not an X-series model; the virtual motor emulates the X-series control table", nameof(model));
        }
        Model = model;
        _table = model.ControlTable;
        ControlTable[8] = 1; // Baud Rate: 57600
        ControlTable[_table.ReturnDelayTime.Address] = 250;
        ControlTable[_table.OperatingMode.Address] = 3; // position control
        ControlTable[68] = 2; // Status Return Level
        SetInt16(_table.CurrentLimit.Address, (short)model.CurrentLimitMaxUnits);
        SetInt16(_table.GoalCurrent.Address, (short)model.CurrentLimitMaxUnits);
        SetInt16(_table.PresentInputVoltage.Address, 120);
        ControlTable[_table.PresentTemperature.Address] = 30;
        BinaryPrimitives.WriteInt32LittleEndian(ControlTable.AsSpan(_table.PresentPosition.Address), CenterCounts);
    }

    public MotorModel Model { get; }

    public override bool HardwareAlert => ControlTable[_table.HardwareErrorStatus.Address] != 0;

    public bool TorqueEnabled => ControlTable[_table.TorqueEnable.Address] == 1;

    /// <summary>The current the motor drives into the plant now.</summary>
    public double CommandedCurrentA =>
        TorqueEnabled && ControlTable[_table.OperatingMode.Address] == CurrentControlMode
            ? MotorUnits.CurrentUnitsToA(Model, GetInt16(_table.GoalCurrent.Address))
            : 0;

    /// <summary>Sets Hardware Error Status bits (bit 5 overload, bit 2 overheating, ...): replies carry the Alert bit until Reboot.</summary>
    public void InjectHardwareError(byte statusBits) => ControlTable[_table.HardwareErrorStatus.Address] = statusBits;

    /// <summary>Copies the plant's joint state into the Present registers.</summary>
    public void UpdatePresent(double positionRad, double velocityRadPerS, double currentA)
    {
        BinaryPrimitives.WriteInt32LittleEndian(ControlTable.AsSpan(_table.PresentPosition.Address), CenterCounts + MotorUnits.RadToCounts(Model, positionRad));
        BinaryPrimitives.WriteInt32LittleEndian(ControlTable.AsSpan(_table.PresentVelocity.Address), MotorUnits.RadPerSToVelocityUnits(Model, velocityRadPerS));
        SetInt16(_table.PresentCurrent.Address, MotorUnits.AToCurrentUnits(Model, currentA));
    }

    public override void Reboot()
    {
        ControlTable[_table.HardwareErrorStatus.Address] = 0;
        ControlTable[_table.TorqueEnable.Address] = 0;
    }

    protected override StatusErrorCode CheckWrite(int address, ReadOnlySpan<byte> data)
    {
        var basic = base.CheckWrite(address, data);
        if (basic != StatusErrorCode.None) return basic;
        if (Overlaps(address, data.Length, _table.HardwareErrorStatus.Address, _table.HardwareErrorStatus.Address + 1)
            || Overlaps(address, data.Length, RealtimeTickAddress, PresentAreaEnd + 1))
        {
            return StatusErrorCode.AccessError;
        }
        if (TorqueEnabled && address < EepromEnd) return StatusErrorCode.AccessError;
        var goal = _table.GoalCurrent.Address;
        if (address <= goal && address + data.Length >= goal + 2)
        {
            var value = BinaryPrimitives.ReadInt16LittleEndian(data[(goal - address)..]);
            if (Math.Abs((int)value) > GetInt16(_table.CurrentLimit.Address)) return StatusErrorCode.DataLimitError;
        }
        return StatusErrorCode.None;
    }

    protected override void AfterWrite(int address, int length)
    {
        // e-Manual: changing Operating Mode sets Goal Current back to Current Limit.
        if (Overlaps(address, length, _table.OperatingMode.Address, _table.OperatingMode.Address + 1))
        {
            SetInt16(_table.GoalCurrent.Address, GetInt16(_table.CurrentLimit.Address));
        }
    }

    private short GetInt16(ushort address) => BinaryPrimitives.ReadInt16LittleEndian(ControlTable.AsSpan(address));

    private void SetInt16(ushort address, short value) => BinaryPrimitives.WriteInt16LittleEndian(ControlTable.AsSpan(address), value);
}
