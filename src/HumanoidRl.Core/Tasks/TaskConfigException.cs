using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Tasks;

/// <summary>A task config that cannot be used; every problem is listed with its line.</summary>
public sealed class TaskConfigException : ConfigFileException
{
    public TaskConfigException() { }

    public TaskConfigException(string message) : base(message) { }

    public TaskConfigException(string message, Exception inner) : base(message, inner) { }

    public TaskConfigException(string file, IReadOnlyList<string> errors) : base(file, "task config", errors) { }
}
