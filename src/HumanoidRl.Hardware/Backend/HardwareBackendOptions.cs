using HumanoidRl.Hardware.Serial;

namespace HumanoidRl.Hardware.Backend;

/// <summary>Settings of the serial-bus backend that the robot config does not (yet) carry.</summary>
public sealed record HardwareBackendOptions
{
    /// <summary>Read/Write return false once any device has failed (timeout, CRC, malformed) more than this many times in a row.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    /// <summary>
    /// Motors stop on their own when the bus is silent this long (Bus Watchdog, 20 ms units, 20..2540 ms); 0 leaves it off.
    /// </summary>
    public int BusWatchdogMs { get; init; } = 100;

    /// <summary>Added to each reply's wire time (see <see cref="Dynamixel.Bus.DynamixelBusOptions.ReplyTimeoutMarginMs"/>).</summary>
    public int ReplyTimeoutMarginMs { get; init; } = 5;

    public SerialTransportKind Transport { get; init; } = SerialTransportKind.Default;

    /// <summary>Per-model torque constants (N m/A) overriding the robot config's, e.g. from a bench calibration.</summary>
    public IReadOnlyDictionary<string, double>? TorqueConstantsNmPerA { get; init; }

    /// <summary>Replaces the port of a configured bus by name (e.g. every bus onto one virtual bus).</summary>
    public IReadOnlyDictionary<string, string>? PortOverrides { get; init; }
}
