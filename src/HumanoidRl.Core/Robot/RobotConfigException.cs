using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Robot;

/// <summary>A robot config that cannot be used; every problem is listed with its line.</summary>
public sealed class RobotConfigException : ConfigFileException
{
    public RobotConfigException() { }

    public RobotConfigException(string message) : base(message) { }

    public RobotConfigException(string message, Exception inner) : base(message, inner) { }

    public RobotConfigException(string file, IReadOnlyList<string> errors) : base(file, "robot config", errors) { }
}
