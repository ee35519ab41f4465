using HumanoidRl.Core.Config;

namespace HumanoidRl.Daemon.Config;

/// <summary>A daemon config that cannot be used; every problem is listed with its line.</summary>
public sealed class DaemonConfigException : ConfigFileException
{
    public DaemonConfigException() { }

    public DaemonConfigException(string message) : base(message) { }

    public DaemonConfigException(string message, Exception inner) : base(message, inner) { }

    public DaemonConfigException(string file, IReadOnlyList<string> errors) : base(file, "daemon config", errors) { }
}
