namespace HumanoidRl.Daemon.Lease;

/// <summary>What happens when the lease changes hands; called under the lease's lock, so it must be quick.</summary>
public interface ILeaseListener
{
    void Acquired(string holder);

    void Released(string holder);

    /// <summary>The holder's heartbeats stopped for longer than the window.</summary>
    void Lapsed(string holder, TimeSpan silence);
}
