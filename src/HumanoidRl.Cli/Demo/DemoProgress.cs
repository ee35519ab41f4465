using HumanoidRl.Control.Modes;

namespace HumanoidRl.Cli.Demo;

/// <summary>One refresh of the live demo status.</summary>
internal sealed record DemoProgress(
    double ElapsedS,
    double RunSeconds,
    ControlMode Mode,
    double LoopRateHz,
    long JitterP50Us,
    long JitterP99Us,
    long Overruns,
    double RollRad,
    double PitchRad,
    int Faults,
    string? LastFault);
