using System.CommandLine;
using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Cli.Motors;

/// <summary>`motors set-id`: change one motor's ID (EEPROM), verified by reading it back under the new ID.</summary>
internal static class MotorsSetIdCommand
{
    public static Command Create()
    {
        var port = MotorOptions.Port();
        var baud = MotorOptions.Baud();
        var id = new Option<int>("--id") { Description = "The motor's ID now.", Required = true };
        var newId = new Option<int>("--new-id")
        {
            Description = $"The ID to give it (0..{PacketLayout.MaxDeviceId}, not used by another device).", Required = true,
        };
        var margin = MotorOptions.TimeoutMarginMs();
        var command = new Command("set-id", "Change a motor's ID: torque off, write the ID register, read it back under the new ID.")
        {
            port, baud, id, newId, margin,
        };
        command.SetAction(parse => Run(
            parse.GetValue(port)!, parse.GetValue(baud), parse.GetValue(id), parse.GetValue(newId), parse.GetValue(margin),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string port, int baudRate, int id, int newId, int timeoutMarginMs, TextWriter output, TextWriter error)
    {
        foreach (var (name, value) in new[] { ("--id", id), ("--new-id", newId) })
        {
            if (value is < 0 or > PacketLayout.MaxDeviceId)
            {
                error.WriteLine($"motors set-id: {name} {value} is outside 0..{PacketLayout.MaxDeviceId}");
                return 2;
            }
        }
        if (id == newId)
        {
            error.WriteLine($"motors set-id: --id and --new-id are both {id}; nothing to do");
            return 2;
        }
        try
        {
            using var bus = MotorOptions.OpenBus(port, baudRate, timeoutMarginMs);
            var model = MotorEeprom.Identify(bus, (byte)id);
            if (bus.Ping((byte)newId, out var occupant).IsOk)
            {
                error.WriteLine($"motors set-id: ID {newId} is already used by a device (model {occupant.ModelNumber}) on {port}");
                return 1;
            }
            MotorEeprom.TorqueOff(bus, (byte)id, model);
            // The status of this write may come from the old or the new ID; the read-back below is the check.
            _ = bus.Write((byte)id, MotorEeprom.IdAddress, [(byte)newId]);
            var renamed = MotorEeprom.Identify(bus, (byte)newId);
            var stored = MotorEeprom.ReadByte(bus, (byte)newId, MotorEeprom.IdAddress, "the ID register");
            if (renamed.ModelNumber != model.ModelNumber || stored != newId)
            {
                error.WriteLine($"motors set-id: verification failed: ID {newId} is model {renamed.ModelNumber} with ID register {stored}");
                return 1;
            }
            if (bus.Ping((byte)id, out _).IsOk)
            {
                error.WriteLine($"motors set-id: ID {id} still answers after the change (two devices shared it?)");
                return 1;
            }
            output.WriteLine($"{model.Name}: ID {id} -> {newId} on {port}, verified");
            return 0;
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            error.WriteLine($"motors set-id: {exception.Message}");
            return 1;
        }
    }
}
