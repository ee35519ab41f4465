namespace HumanoidRl.Daemon.Streaming;

/// <summary>A stream subscriber fell so far behind that its bounded buffer filled up; it was disconnected.</summary>
public sealed class SubscriberTooSlowException : Exception
{
    public SubscriberTooSlowException()
    {
    }

    public SubscriberTooSlowException(string message) : base(message)
    {
    }

    public SubscriberTooSlowException(string message, Exception inner) : base(message, inner)
    {
    }

    public SubscriberTooSlowException(int capacity)
        : base($"the client fell {capacity} messages behind and was disconnected so that it cannot slow the control loop")
    {
    }
}
