namespace HumanoidRl.Hardware.Motors;

/// <summary>
/// The facts about each model in one place. Sources: docs/reference dynamixel-protocol2.md (X-series control table,
/// units, XM430-W350 and XM540-W270 torque constants) and the ROBOTIS e-Manual control tables of the individual
/// models (e-Manual "DYNAMIXEL X / XM430-W350 / Control Table", "P / PH54-200-S500-R / Control Table",
/// "PH54-100-S500-R", "PH42-020-S300-R"). Figures NOT in the reference file — the model numbers, the P-series
/// addresses (Bus Watchdog 546 included) and units and the XH540-W270 current limit — come from those e-Manual tables and should be
/// checked against the e-Manual page of the exact model before a first power-up.
/// </summary>
public static class MotorModelCatalog
{
    /// <summary>X series (reference file, "X-series control table").</summary>
    public static MotorControlTable XSeriesTable { get; } = new(
        ReturnDelayTime: new(9, 1),
        OperatingMode: new(11, 1),
        CurrentLimit: new(38, 2),
        TorqueEnable: new(64, 1),
        HardwareErrorStatus: new(70, 1),
        BusWatchdog: new(98, 1),
        GoalCurrent: new(102, 2),
        PresentCurrent: new(126, 2),
        PresentVelocity: new(128, 4),
        PresentPosition: new(132, 4),
        PresentInputVoltage: new(144, 2),
        PresentTemperature: new(146, 1));

    /// <summary>P series with Protocol 2.0 firmware (e-Manual, PH54-200-S500-R control table).</summary>
    public static MotorControlTable PSeriesTable { get; } = new(
        ReturnDelayTime: new(9, 1),
        OperatingMode: new(11, 1),
        CurrentLimit: new(38, 2),
        TorqueEnable: new(512, 1),
        HardwareErrorStatus: new(518, 1),
        BusWatchdog: new(546, 1),
        GoalCurrent: new(550, 2),
        PresentCurrent: new(574, 2),
        PresentVelocity: new(576, 4),
        PresentPosition: new(580, 4),
        PresentInputVoltage: new(592, 2),
        PresentTemperature: new(594, 1));

    private const double XCurrentUnitA = 0.00269;
    private const double XVelocityUnitRpm = 0.229;
    private const double PCurrentUnitA = 0.001;
    private const double PVelocityUnitRpm = 0.01;
    private const int XCenterCounts = 2048;

    // Fast Sync Read support (reference file): X430/X540 firmware >= 45, P series >= 12.
    private const byte X430FastSyncReadFirmware = 45;
    private const byte X540FastSyncReadFirmware = 45;
    private const byte PFastSyncReadFirmware = 12;

    public static MotorModel XM430W350 { get; } = new(
        "XM430-W350", 1020, XSeriesTable, 4096, XCenterCounts, XVelocityUnitRpm, XCurrentUnitA, 1193, 1.78, X430FastSyncReadFirmware);

    /// <summary>Torque constant: not in the reference; read it off the e-Manual performance graph and set it in the robot config.</summary>
    public static MotorModel XH540W270 { get; } = new(
        "XH540-W270", 1110, XSeriesTable, 4096, XCenterCounts, XVelocityUnitRpm, XCurrentUnitA, 2047, null, X540FastSyncReadFirmware);

    public static MotorModel XM540W270 { get; } = new(
        "XM540-W270", 1120, XSeriesTable, 4096, XCenterCounts, XVelocityUnitRpm, XCurrentUnitA, 2047, 2.409, X540FastSyncReadFirmware);

    /// <summary>Position range -501,923..501,923 per half turn (e-Manual).</summary>
    public static MotorModel PH54200S500 { get; } = new(
        "PH54-200-S500", 2020, PSeriesTable, 1_003_846, 0, PVelocityUnitRpm, PCurrentUnitA, 22_740, null, PFastSyncReadFirmware);

    public static MotorModel PH54100S500 { get; } = new(
        "PH54-100-S500", 2010, PSeriesTable, 1_003_846, 0, PVelocityUnitRpm, PCurrentUnitA, 22_740, null, PFastSyncReadFirmware);

    /// <summary>Position range -303,750..303,750 per half turn (e-Manual).</summary>
    public static MotorModel PH42020S300 { get; } = new(
        "PH42-020-S300", 2000, PSeriesTable, 607_500, 0, PVelocityUnitRpm, PCurrentUnitA, 4_500, null, PFastSyncReadFirmware);

    public static IReadOnlyList<MotorModel> All { get; } = [XM430W350, XH540W270, XM540W270, PH54200S500, PH54100S500, PH42020S300];

    /// <summary>The model with <paramref name="modelNumber"/> (as a Ping returns it), or null.</summary>
    public static MotorModel? Find(ushort modelNumber) => All.FirstOrDefault(model => model.ModelNumber == modelNumber);

    /// <summary>The model called <paramref name="name"/> (e.g. "XM430-W350"); throws with the known names otherwise.</summary>
    public static MotorModel Get(string name) =>
        All.FirstOrDefault(model => string.Equals(model.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"unknown motor model '{name}'; known: {string.Join(", ", All.Select(model => model.Name))}", nameof(name));
}
