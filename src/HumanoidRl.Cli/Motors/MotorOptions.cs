using System.CommandLine;
using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Serial;

namespace HumanoidRl.Cli.Motors;

/// <summary>Options the motors subcommands share, and opening a bus with them.</summary>
internal static class MotorOptions
{
    public static Option<string> Port() => new("--port")
    {
        Description = "Serial device, e.g. /dev/ttyUSB0 (or a `sim serve-bus` link).", Required = true,
    };

    public static Option<int> Baud() => new("--baud") { Description = "Baud rate the motors use now.", DefaultValueFactory = _ => 57600 };

    public static Option<int> TimeoutMarginMs() => new("--timeout-margin-ms")
    {
        Description = "Added to each reply's wire time before it counts as missing (raise it for slow adapters).",
        DefaultValueFactory = _ => 20,
    };

    public static DynamixelBus OpenBus(string port, int baudRate, int timeoutMarginMs, int scanTimeoutMs = 200) =>
        new(SerialTransports.Open(port, baudRate),
            new DynamixelBusOptions { ReplyTimeoutMarginMs = timeoutMarginMs, ScanTimeoutMs = scanTimeoutMs });

    public static string Describe(TransferResult result) =>
        result.Status == TransferStatus.DeviceError ? $"{result.Status} ({result.Error})" : result.Status.ToString();
}
