namespace HumanoidRl.Core.Robot;

/// <summary>The robot section of a robot config: the robot's name, its MJCF model file and its control loop period.</summary>
/// <param name="ModelFile">The MJCF file path as written, relative to the config.</param>
internal sealed record RobotIdentity(string Name, string ModelFile, long LoopPeriodNs);
