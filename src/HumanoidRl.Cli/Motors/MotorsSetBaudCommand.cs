using System.CommandLine;
using HumanoidRl.Hardware.Dynamixel.Bus;

namespace HumanoidRl.Cli.Motors;

/// <summary>`motors set-baud`: change one motor's baud rate (EEPROM), verified by reading it back at the new rate.</summary>
internal static class MotorsSetBaudCommand
{
    public static Command Create()
    {
        var port = MotorOptions.Port();
        var baud = MotorOptions.Baud();
        var id = new Option<int>("--id") { Description = "The motor's ID.", Required = true };
        var newBaud = new Option<int>("--new-baud")
        {
            Description = $"Baud rate to set: {string.Join(", ", BaudRateCodes.Supported)}.", Required = true,
        };
        var margin = MotorOptions.TimeoutMarginMs();
        var command = new Command("set-baud",
            "Change a motor's baud rate: torque off, write the Baud Rate register, then reopen at the new rate and read it back.")
        {
            port, baud, id, newBaud, margin,
        };
        command.SetAction(parse => Run(
            parse.GetValue(port)!, parse.GetValue(baud), parse.GetValue(id), parse.GetValue(newBaud), parse.GetValue(margin),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string port, int baudRate, int id, int newBaudRate, int timeoutMarginMs, TextWriter output, TextWriter error)
    {
        byte code;
        try
        {
            code = BaudRateCodes.CodeOf(newBaudRate);
        }
        catch (ArgumentException exception)
        {
            error.WriteLine($"motors set-baud: --new-baud: {exception.Message}");
            return 2;
        }
        if (id is < 0 or > Hardware.Dynamixel.Protocol.PacketLayout.MaxDeviceId)
        {
            error.WriteLine($"motors set-baud: --id {id} is outside 0..{Hardware.Dynamixel.Protocol.PacketLayout.MaxDeviceId}");
            return 2;
        }
        try
        {
            Hardware.Motors.MotorModel model;
            using (var bus = MotorOptions.OpenBus(port, baudRate, timeoutMarginMs))
            {
                model = MotorEeprom.Identify(bus, (byte)id);
                MotorEeprom.TorqueOff(bus, (byte)id, model);
                // The motor answers at the old rate, then switches; a lost status is fine, the read-back decides.
                _ = bus.Write((byte)id, BaudRateCodes.RegisterAddress, [code]);
            }
            using (var bus = MotorOptions.OpenBus(port, newBaudRate, timeoutMarginMs))
            {
                var stored = MotorEeprom.ReadByte(bus, (byte)id, BaudRateCodes.RegisterAddress, "the Baud Rate register");
                if (stored != code)
                {
                    error.WriteLine(
                        $"motors set-baud: verification failed: ID {id} reports Baud Rate code {stored}, expected {code} ({newBaudRate})");
                    return 1;
                }
            }
            output.WriteLine($"{model.Name} ID {id}: {baudRate} -> {newBaudRate} baud (code {code}) on {port}, verified");
            return 0;
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            error.WriteLine($"motors set-baud: {exception.Message}");
            return 1;
        }
    }
}
