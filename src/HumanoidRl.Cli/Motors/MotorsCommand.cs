using System.CommandLine;

namespace HumanoidRl.Cli.Motors;

/// <summary>`humanoid-rl motors ...`: find, check and set up the Dynamixel motors on a serial bus.</summary>
internal static class MotorsCommand
{
    public static Command Create() =>
        new("motors", "Scan a serial bus, check the motors against a robot config, and change a motor's ID or baud rate.")
    {
        MotorsScanCommand.Create(),
        MotorsCheckCommand.Create(),
        MotorsSetIdCommand.Create(),
        MotorsSetBaudCommand.Create(),
    };
}
