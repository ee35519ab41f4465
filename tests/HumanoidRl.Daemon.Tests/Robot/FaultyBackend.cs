using HumanoidRl.Core.Backends;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Daemon.Tests.Robot;

/// <summary>
/// The real simulator backend with reads that fail or throw on demand (a cable pulled out, a driver bug) and a record
/// of torque-off writes.
/// </summary>
internal sealed class FaultyBackend(IRobotBackend inner) : IRobotBackend
{
    private int _torqueOffWrites;
    private volatile bool _lastWriteTorqueEnabled = true;

    public volatile bool FailReads;

    /// <summary>Makes Read throw, as a backend bug would: the loop thread dies.</summary>
    public volatile bool ThrowOnRead;

    public int TorqueOffWrites => Volatile.Read(ref _torqueOffWrites);

    public bool LastWriteTorqueEnabled => _lastWriteTorqueEnabled;

    public string Name => inner.Name;

    public bool IsSimulated => inner.IsSimulated;

    public int JointCount => inner.JointCount;

    public double BaseHeightM => inner.BaseHeightM;

    public void Configure() => inner.Configure();

    public void Activate() => inner.Activate();

    public void Deactivate() => inner.Deactivate();

    public bool Read(SensorFrame frame) =>
        ThrowOnRead ? throw new InvalidOperationException("injected backend bug") : !FailReads && inner.Read(frame);

    public bool Write(ReadOnlySpan<double> torqueNm, bool torqueEnabled)
    {
        if (!torqueEnabled) Interlocked.Increment(ref _torqueOffWrites);
        _lastWriteTorqueEnabled = torqueEnabled;
        return inner.Write(torqueNm, torqueEnabled);
    }

    public void Dispose() => inner.Dispose();
}
