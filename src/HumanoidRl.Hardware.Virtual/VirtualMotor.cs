using System.Buffers.Binary;
using HumanoidRl.Hardware.Dynamixel.Protocol;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// An X-series or P-series motor (control table of its <see cref="MotorModel"/>) driven by one joint of an
/// <see cref="IVirtualPlant"/>. Only current control is emulated: with Torque Enable = 1 and Operating Mode = 0
/// the plant gets Goal Current, otherwise 0 A. Plant angle 0 reads as the model's horn centre
/// (<see cref="MotorModel.PositionCenterCounts"/>).
/// </summary>
public sealed class VirtualMotor : VirtualDevice
{
    private const byte CurrentControlMode = 0;
    private const ushort BaudRateAddress = 8;
    private const ushort StatusReturnLevelAddress = 68;

    private readonly MotorControlTable _table;
    private readonly VirtualMotorLayout _layout;

    /// <param name="firmware">Default: new enough for Fast Sync Read on every catalog model.</param>
    public VirtualMotor(byte id, MotorModel model, byte firmware = 46)
        : base(id, (model ?? throw new ArgumentNullException(nameof(model))).ModelNumber, firmware,
            VirtualMotorLayout.Of(model).ControlTableBytes)
    {
        Model = model;
        _table = model.ControlTable;
        _layout = VirtualMotorLayout.Of(model);
        ControlTable[BaudRateAddress] = 1; // 57600
        ControlTable[_table.ReturnDelayTime.Address] = 250;
        ControlTable[_table.OperatingMode.Address] = 3; // position control
        ControlTable[_layout.StatusReturnLevelAddress] = 2;
        SetInt16(_table.CurrentLimit.Address, (short)Math.Min(model.CurrentLimitMaxUnits, short.MaxValue));
        SetInt16(_table.GoalCurrent.Address, (short)Math.Min(model.CurrentLimitMaxUnits, short.MaxValue));
        SetInt16(_table.PresentInputVoltage.Address, 120);
        ControlTable[_table.PresentTemperature.Address] = 30;
        BinaryPrimitives.WriteInt32LittleEndian(ControlTable.AsSpan(_table.PresentPosition.Address), model.PositionCenterCounts);
    }

    public MotorModel Model { get; }

    public override bool HardwareAlert => ControlTable[_table.HardwareErrorStatus.Address] != 0;

    public bool TorqueEnabled => ControlTable[_table.TorqueEnable.Address] == 1;

    public byte OperatingMode => ControlTable[_table.OperatingMode.Address];

    public byte ReturnDelayTime => ControlTable[_table.ReturnDelayTime.Address];

    public byte BusWatchdog => ControlTable[_table.BusWatchdog.Address];

    /// <summary>The Baud Rate register (0 = 9600, 1 = 57600, 3 = 1M, 6 = 4M, ...).</summary>
    public byte BaudRateCode => ControlTable[BaudRateAddress];

    /// <summary>The current the motor drives into the plant now.</summary>
    public double CommandedCurrentA =>
        TorqueEnabled && OperatingMode == CurrentControlMode
            ? MotorUnits.CurrentUnitsToA(Model, GetInt16(_table.GoalCurrent.Address))
            : 0;

    /// <summary>
    /// Sets Hardware Error Status bits (bit 5 overload, bit 2 overheating, ...): replies carry the Alert bit until Reboot.
    /// </summary>
    public void InjectHardwareError(byte statusBits) => ControlTable[_table.HardwareErrorStatus.Address] = statusBits;

    /// <summary>Copies the plant's joint state into the Present registers.</summary>
    public void UpdatePresent(double positionRad, double velocityRadPerS, double currentA)
    {
        BinaryPrimitives.WriteInt32LittleEndian(ControlTable.AsSpan(_table.PresentPosition.Address),
            Model.PositionCenterCounts + MotorUnits.RadToCounts(Model, positionRad));
        BinaryPrimitives.WriteInt32LittleEndian(ControlTable.AsSpan(_table.PresentVelocity.Address),
            MotorUnits.RadPerSToVelocityUnits(Model, velocityRadPerS));
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
            || Overlaps(address, data.Length, _layout.ReadOnlyStart, _layout.ReadOnlyEnd))
        {
            return StatusErrorCode.AccessError;
        }
        if (TorqueEnabled && address < _layout.EepromEnd) return StatusErrorCode.AccessError;
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
