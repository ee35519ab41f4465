using HumanoidRl.Daemon.Lease;

namespace HumanoidRl.Daemon.Tests.Lease;

/// <summary>Records the lease's notifications in order.</summary>
internal sealed class RecordingLeaseListener : ILeaseListener
{
    public List<string> Calls { get; } = [];

    public void Acquired(string holder) => Calls.Add($"acquired {holder}");

    public void Released(string holder) => Calls.Add($"released {holder}");

    public void Lapsed(string holder, TimeSpan silence) => Calls.Add($"lapsed {holder} after {silence.TotalMilliseconds} ms");
}
