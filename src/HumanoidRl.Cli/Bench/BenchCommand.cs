using System.CommandLine;

namespace HumanoidRl.Cli.Bench;

/// <summary>
/// `humanoid-rl bench ...`: speed and memory figures measured side by side in one run and printed as ratios,
/// never asserted in unit tests (the machine they run on is shared).
/// </summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench",
        "Measure speed and allocation of the simulator, training, control loop and serial bus; each subcommand prints one " +
        "JSON object with --json.")
    {
        BenchSimCommand.Create(),
        BenchTrainCommand.Create(),
        BenchLoopCommand.Create(),
        BenchSerialCommand.Create(),
    };
}
