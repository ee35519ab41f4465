using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// The parts of a control table the driver does not use but the emulator must respect: its size, where EEPROM
/// ends (locked while torque is on) and the read-only Present area (Realtime Tick .. Present Temperature).
/// </summary>
internal sealed record VirtualMotorLayout(int ControlTableBytes, int EepromEnd, int ReadOnlyStart, int ReadOnlyEnd,
    ushort StatusReturnLevelAddress)
{
    /// <summary>X series: Indirect Data 56 ends at 661; Realtime Tick 120 .. Present Temperature 146.</summary>
    private static readonly VirtualMotorLayout XSeries = new(662, 64, 120, 147, 68);

    /// <summary>P series (e-Manual PH54-200-S500-R): Realtime Tick 568 .. Present Temperature 594; Status Return Level 516.</summary>
    private static readonly VirtualMotorLayout PSeries = new(1024, 512, 568, 595, 516);

    public static VirtualMotorLayout Of(MotorModel model) =>
        model.ControlTable == MotorModelCatalog.XSeriesTable ? XSeries
        : model.ControlTable == MotorModelCatalog.PSeriesTable ? PSeries
        : throw new ArgumentException($"{model.Name}: the virtual motor emulates only the X-series and P-series control tables",
            nameof(model));
}
