namespace HumanoidRl.Hardware.Motors;

/// <summary>One control-table item: address and size in bytes.</summary>
public readonly record struct ControlTableItem(ushort Address, int SizeBytes);

/// <summary>The control-table items the driver uses; addresses differ between X and P series.</summary>
public sealed record MotorControlTable(
    ControlTableItem ReturnDelayTime,
    ControlTableItem OperatingMode,
    ControlTableItem CurrentLimit,
    ControlTableItem TorqueEnable,
    ControlTableItem HardwareErrorStatus,
    ControlTableItem BusWatchdog,
    ControlTableItem GoalCurrent,
    ControlTableItem PresentCurrent,
    ControlTableItem PresentVelocity,
    ControlTableItem PresentPosition,
    ControlTableItem PresentInputVoltage,
    ControlTableItem PresentTemperature)
{
    /// <summary>First address of the contiguous block current + velocity + position (one read per motor per cycle).</summary>
    public ushort PresentStateAddress => PresentCurrent.Address;

    /// <summary>Size of that block: 10 bytes on X and P series.</summary>
    public int PresentStateSizeBytes => PresentPosition.Address + PresentPosition.SizeBytes - PresentCurrent.Address;
}

/// <summary>
/// A Dynamixel model as data: model number, control table and units. <see cref="TorqueConstantNmPerA"/> is null
/// when no trusted figure is known; the robot config must then supply it. <see cref="PositionCenterCounts"/> is
/// the Present Position of the horn centre (2048 on the X series, 0 on the P series): servo angle 0.
/// </summary>
public sealed record MotorModel(
    string Name,
    ushort ModelNumber,
    MotorControlTable ControlTable,
    double PositionCountsPerRevolution,
    int PositionCenterCounts,
    double VelocityUnitRpm,
    double CurrentUnitA,
    int CurrentLimitMaxUnits,
    double? TorqueConstantNmPerA,
    byte MinFastSyncReadFirmware);
