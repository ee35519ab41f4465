namespace HumanoidRl.Daemon.Hosting;

/// <summary>The daemon refuses to start (listen address, TLS or security rules); the message says what to change.</summary>
public sealed class DaemonStartupException : Exception
{
    public DaemonStartupException()
    {
    }

    public DaemonStartupException(string message) : base(message)
    {
    }

    public DaemonStartupException(string message, Exception inner) : base(message, inner)
    {
    }
}
