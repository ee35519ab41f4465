namespace HumanoidRl.MuJoCo;

/// <summary>An error reported by libmujoco, with the file it concerns when there is one.</summary>
public sealed class MuJoCoException : Exception
{
    public MuJoCoException() { }

    public MuJoCoException(string message) : base(message) { }

    public MuJoCoException(string message, Exception inner) : base(message, inner) { }
}
