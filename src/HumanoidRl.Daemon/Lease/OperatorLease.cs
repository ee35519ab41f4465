using System.Globalization;
using System.Security.Cryptography;
using HumanoidRl.Daemon.Security;

namespace HumanoidRl.Daemon.Lease;

/// <summary>
/// The single operator lease: only its holder may command. The holder keeps it with heartbeats on the
/// monotonic clock; a silence longer than the window lapses it (noticed by every operation and by the
/// periodic <see cref="CheckLapse"/>), and the listener then makes the robot safe.
/// </summary>
public sealed class OperatorLease(TimeProvider clock, TimeSpan window, ILeaseListener listener)
{
    private readonly Lock _gate = new();
    private Grant? _grant;

    public TimeSpan Window => window;

    /// <summary>"token/client" of the current holder, or null.</summary>
    public string? Holder
    {
        get
        {
            lock (_gate)
            {
                LapseIfSilent();
                return _grant?.Holder;
            }
        }
    }

    /// <summary>Takes the lease; refused, naming the holder, while someone else holds it.</summary>
    public string Acquire(Caller caller, string clientName)
    {
        ArgumentNullException.ThrowIfNull(caller);
        lock (_gate)
        {
            LapseIfSilent();
            if (_grant is { } held)
                throw new LeaseRefusedException($"the operator lease is held by {held.Holder} (last heartbeat " +
                    $"{Milliseconds(Silence(held))} ms ago); wait until it is released or lapses");
            var holder = clientName.Length == 0 ? caller.TokenName : $"{caller.TokenName}/{clientName}";
            var leaseId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _grant = new Grant(leaseId, holder, clock.GetTimestamp());
            listener.Acquired(holder);
            return leaseId;
        }
    }

    public void Heartbeat(string leaseId)
    {
        lock (_gate)
        {
            var held = Require(leaseId);
            _grant = held with { LastHeartbeat = clock.GetTimestamp() };
        }
    }

    public void Release(string leaseId)
    {
        lock (_gate)
        {
            var held = Require(leaseId);
            _grant = null;
            listener.Released(held.Holder);
        }
    }

    /// <summary>
    /// Runs a command for the lease holder under the lease's lock, so no command slips in after a lapse
    /// has made the robot safe.
    /// </summary>
    public T AsHolder<T>(string leaseId, Func<T> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_gate)
        {
            Require(leaseId);
            return command();
        }
    }

    /// <summary>Lapses the lease if its holder has been silent for longer than the window.</summary>
    public void CheckLapse()
    {
        lock (_gate) LapseIfSilent();
    }

    private Grant Require(string leaseId)
    {
        LapseIfSilent();
        if (_grant is { } held && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(held.LeaseId), System.Text.Encoding.UTF8.GetBytes(leaseId)))
        {
            return held;
        }
        throw new LeaseRefusedException(_grant is { } other
            ? $"the operator lease is held by {other.Holder}, not by this caller (lease_id '{leaseId}' is not the current lease)"
            : leaseId.Length == 0
                ? "nobody holds the operator lease: call AcquireLease first and pass its lease_id"
                : $"lease_id '{leaseId}' is not the current lease (it lapsed or was released; nobody holds the lease): call AcquireLease");
    }

    private void LapseIfSilent()
    {
        if (_grant is not { } held) return;
        var silence = Silence(held);
        if (silence <= window) return;
        _grant = null;
        listener.Lapsed(held.Holder, silence);
    }

    private TimeSpan Silence(Grant held) => clock.GetElapsedTime(held.LastHeartbeat);

    private static string Milliseconds(TimeSpan span) => span.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);

    private sealed record Grant(string LeaseId, string Holder, long LastHeartbeat);
}
