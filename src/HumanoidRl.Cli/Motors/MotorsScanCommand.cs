using System.CommandLine;
using System.Text.Json;
using HumanoidRl.Cli.Common;
using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Cli.Motors;

/// <summary>`motors scan`: broadcast Ping, list every device that answers.</summary>
internal static class MotorsScanCommand
{
    public static Command Create()
    {
        var port = MotorOptions.Port();
        var baud = MotorOptions.Baud();
        var json = new Option<bool>("--json")
        {
            Description = "Print exactly one JSON object: {\"port\", \"baud\", \"devices\": [{\"id\", \"model\", \"firmware\"}]}.",
        };
        var wait = new Option<int>("--wait-ms")
        {
            Description = "How long to collect replies.", DefaultValueFactory = _ => 200,
        }.AtLeast(1, "milliseconds");
        var command = new Command("scan",
            "List the devices on a bus (ID, model number, firmware) with one broadcast Ping. Exit 1 when none answers.")
        {
            port, baud, json, wait,
        };
        command.SetAction(parse => Run(parse.GetValue(port)!, parse.GetValue(baud), parse.GetValue(json), parse.GetValue(wait),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string port, int baudRate, bool json, int waitMs, TextWriter output, TextWriter error)
    {
        IReadOnlyList<PingReply> devices;
        try
        {
            using var bus = MotorOptions.OpenBus(port, baudRate, timeoutMarginMs: 20, scanTimeoutMs: waitMs);
            devices = bus.Scan();
        }
        catch (IOException exception)
        {
            error.WriteLine($"motors scan: {exception.Message}");
            return 2;
        }
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(
                new ScanResult(
                    port, baudRate, [.. devices.Select(device => new ScanDevice(device.Id, device.ModelNumber, device.Firmware))]),
                ScanJson.Default.ScanResult));
        }
        else
        {
            output.WriteLine($"{port} at {baudRate} baud: {devices.Count} device(s)");
            foreach (var device in devices)
            {
                var model = MotorModelCatalog.Find(device.ModelNumber)?.Name
                    ?? (device.ModelNumber == 0x7400 ? "OpenCR IMU" : "unknown model");
                output.WriteLine($"  ID {device.Id,3}  model {device.ModelNumber,5} ({model})  firmware {device.Firmware}");
            }
        }
        if (devices.Count == 0)
            error.WriteLine(
                $"motors scan: nothing answered on {port} at {baudRate} baud (wrong baud rate, power off, or TTL/RS-485 mixed up?)");
        return devices.Count > 0 ? 0 : 1;
    }
}

internal sealed record ScanDevice(int Id, int Model, int Firmware);

internal sealed record ScanResult(string Port, int Baud, IReadOnlyList<ScanDevice> Devices);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ScanResult))]
internal sealed partial class ScanJson : System.Text.Json.Serialization.JsonSerializerContext;
