using System.CommandLine;

namespace HumanoidRl.Cli.Sim;

/// <summary>`humanoid-rl sim ...`: the simulator standing in for robot hardware.</summary>
internal static class SimCommand
{
    public static Command Create() => new("sim", "Run the MuJoCo simulation of the robot in place of hardware.")
    {
        SimServeBusCommand.Create(),
    };
}
