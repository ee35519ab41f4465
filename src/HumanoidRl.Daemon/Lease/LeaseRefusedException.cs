namespace HumanoidRl.Daemon.Lease;

/// <summary>A lease operation or command refused because the caller does not hold the operator lease.</summary>
public sealed class LeaseRefusedException : Exception
{
    public LeaseRefusedException()
    {
    }

    public LeaseRefusedException(string message) : base(message)
    {
    }

    public LeaseRefusedException(string message, Exception inner) : base(message, inner)
    {
    }
}
