using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Cli.Motors;

/// <summary>EEPROM writes the way the motor accepts them: identify the model, torque off, write, read back.</summary>
internal static class MotorEeprom
{
    public const ushort IdAddress = 7;

    /// <summary>Pings <paramref name="id"/> and returns its model; throws naming the ID when it does not answer or is unknown.</summary>
    public static MotorModel Identify(DynamixelBus bus, byte id)
    {
        var result = bus.Ping(id, out var reply);
        if (!result.IsOk)
            throw new InvalidOperationException(
                $"ID {id} does not answer on {bus.Transport.Name} at {bus.Transport.BaudRate} baud ({MotorOptions.Describe(result)})");
        return MotorModelCatalog.Find(reply.ModelNumber)
            ?? throw new InvalidOperationException(
                $"ID {id} is model {reply.ModelNumber}, which the motor catalog does not know; refusing to write its EEPROM");
    }

    /// <summary>Torque Enable = 0 (EEPROM is read-only while torque is on).</summary>
    public static void TorqueOff(DynamixelBus bus, byte id, MotorModel model)
    {
        var result = bus.Write(id, model.ControlTable.TorqueEnable.Address, [0]);
        if (!result.IsOk) throw new InvalidOperationException($"ID {id}: turning torque off failed ({MotorOptions.Describe(result)})");
    }

    public static byte ReadByte(DynamixelBus bus, byte id, ushort address, string what)
    {
        Span<byte> value = stackalloc byte[1];
        var result = bus.Read(id, address, value);
        return result.IsOk
            ? value[0]
            : throw new InvalidOperationException($"ID {id}: reading back {what} failed ({MotorOptions.Describe(result)})");
    }
}
