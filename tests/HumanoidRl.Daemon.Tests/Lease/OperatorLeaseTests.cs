using HumanoidRl.Daemon.Lease;
using HumanoidRl.Daemon.Security;

namespace HumanoidRl.Daemon.Tests.Lease;

public sealed class OperatorLeaseTests
{
    private static readonly Caller Ana = new("ana", Role.Operator);
    private static readonly Caller Ben = new("ben", Role.Operator);
    private readonly ManualClock _clock = new();
    private readonly RecordingLeaseListener _listener = new();
    private readonly OperatorLease _lease;

    public OperatorLeaseTests() => _lease = new OperatorLease(_clock, TimeSpan.FromMilliseconds(500), _listener);

    [Fact]
    public void Acquire_by_a_second_operator_is_refused_naming_the_holder()
    {
        _lease.Acquire(Ana, "laptop");

        var error = Assert.Throws<LeaseRefusedException>(() => _lease.Acquire(Ben, "tablet"));

        Assert.Contains("held by ana/laptop", error.Message, StringComparison.Ordinal);
        Assert.Equal(["acquired ana/laptop"], _listener.Calls);
    }

    [Fact]
    public void AsHolder_runs_the_command_only_for_the_current_lease_id()
    {
        var id = _lease.Acquire(Ana, "laptop");

        Assert.Equal(42, _lease.AsHolder(id, () => 42));
        var error = Assert.Throws<LeaseRefusedException>(() => _lease.AsHolder("0123", () => 0));
        Assert.Contains("held by ana/laptop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Heartbeats_within_the_window_keep_the_lease()
    {
        var id = _lease.Acquire(Ana, "laptop");
        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(400));
            _lease.Heartbeat(id);
        }
        _lease.CheckLapse();

        Assert.Equal("ana/laptop", _lease.Holder);
        Assert.Equal(["acquired ana/laptop"], _listener.Calls);
    }

    [Fact]
    public void CheckLapse_after_a_silence_longer_than_the_window_lapses_once_and_frees_the_lease()
    {
        var id = _lease.Acquire(Ana, "laptop");
        _clock.Advance(TimeSpan.FromMilliseconds(501));

        _lease.CheckLapse();
        _lease.CheckLapse();

        Assert.Null(_lease.Holder);
        Assert.Equal(["acquired ana/laptop", "lapsed ana/laptop after 501 ms"], _listener.Calls);
        Assert.Throws<LeaseRefusedException>(() => _lease.Heartbeat(id));
        _lease.Acquire(Ben, "");
        Assert.Equal("ben", _lease.Holder);
    }

    [Fact]
    public void A_command_after_the_window_is_refused_even_before_the_periodic_check()
    {
        var id = _lease.Acquire(Ana, "laptop");
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Throws<LeaseRefusedException>(() => _lease.AsHolder(id, () => 0));
        Assert.Equal("lapsed ana/laptop after 1000 ms", _listener.Calls[^1]);
    }

    [Fact]
    public void Release_frees_the_lease_and_only_the_holder_may_release()
    {
        var id = _lease.Acquire(Ana, "laptop");

        Assert.Throws<LeaseRefusedException>(() => _lease.Release("not-the-lease"));
        _lease.Release(id);

        Assert.Null(_lease.Holder);
        Assert.Equal(["acquired ana/laptop", "released ana/laptop"], _listener.Calls);
        var error = Assert.Throws<LeaseRefusedException>(() => _lease.AsHolder(id, () => 0));
        Assert.Contains("nobody holds the lease", error.Message, StringComparison.Ordinal);
    }
}
