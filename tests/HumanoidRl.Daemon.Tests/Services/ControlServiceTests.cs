using Grpc.Core;
using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Hosting;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Services;

/// <summary>The Control service over real sockets: auth, lease and command validation.</summary>
public sealed class ControlServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        await using var daemon = await RunningDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Control.ControlClient(daemon.Channel()).AcquireLeaseAsync(new V1.AcquireLeaseRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("authorization: Bearer", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_with_an_unknown_token_is_unauthenticated()
    {
        await using var daemon = await RunningDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Control.ControlClient(daemon.Channel("hrl_not_configured")).EStopAsync(new V1.EStopRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Empty(daemon.Robot.Calls);
    }

    [Fact]
    public async Task A_viewer_calling_SetMode_is_permission_denied()
    {
        await using var daemon = await RunningDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.ViewerToken)).SetModeAsync(new V1.SetModeRequest { Mode = V1.Mode.Damping }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("needs the operator role; token 'vic' has viewer", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(daemon.Robot.Calls);
    }

    [Fact]
    public async Task A_second_operator_is_refused_with_failed_precondition_naming_the_holder()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000);
        await new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.OperatorToken)).AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "laptop" });
        var second = new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.SecondOperatorToken));

        var acquire = await Assert.ThrowsAsync<RpcException>(async () => await second.AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "tablet" }));
        var command = await Assert.ThrowsAsync<RpcException>(async () => await second.SetModeAsync(new V1.SetModeRequest { Mode = V1.Mode.Damping }));

        Assert.Equal(StatusCode.FailedPrecondition, acquire.StatusCode);
        Assert.Contains("held by ana/laptop", acquire.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, command.StatusCode);
        Assert.Contains("held by ana/laptop", command.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(daemon.Robot.Calls);
    }

    [Fact]
    public async Task The_holder_commands_and_velocity_is_clamped_to_the_configured_ranges()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000);
        var client = new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.OperatorToken));
        var lease = await client.AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "laptop" });

        var mode = await client.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId, Mode = V1.Mode.Damping });
        var velocity = await client.SetVelocityCommandAsync(new V1.SetVelocityCommandRequest
        {
            LeaseId = lease.LeaseId,
            Command = new V1.VelocityCommand { VxMPerS = 3, VyMPerS = 0.1, YawRateRadPerS = -5 },
        });

        Assert.Equal(V1.Mode.Damping, mode.Mode);
        Assert.True(velocity.Clamped);
        Assert.Equal(new V1.VelocityCommand { VxMPerS = 1.0, VyMPerS = 0.1, YawRateRadPerS = -1.0 }, velocity.Applied);
        Assert.Equal(["mode Damping", "velocity 1 0.1 -1"], daemon.Robot.Calls);
    }

    [Fact]
    public async Task An_illegal_mode_change_is_failed_precondition_with_the_controllers_reason()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000);
        var client = new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.AdminToken));
        var lease = await client.AcquireLeaseAsync(new V1.AcquireLeaseRequest());

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId, Mode = V1.Mode.Policy }));
        var unspecified = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("current mode is Passive", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, unspecified.StatusCode);
    }

    [Fact]
    public async Task A_lapsed_heartbeat_zeroes_the_velocity_enters_the_safe_mode_and_says_so_on_the_event_stream()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 200);
        var viewer = new V1.Telemetry.TelemetryClient(daemon.Channel(DaemonConfigText.ViewerToken));
        using var events = viewer.StreamEvents(new V1.StreamEventsRequest());
        var client = new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.OperatorToken));
        using var timeout = new CancellationTokenSource(Patience);
        await events.ResponseHeadersAsync;

        var lease = await client.AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "laptop" });
        await client.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId, Mode = V1.Mode.Damping });
        await client.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId, Mode = V1.Mode.StandUp });
        await client.SetVelocityCommandAsync(new V1.SetVelocityCommandRequest { LeaseId = lease.LeaseId, Command = new V1.VelocityCommand { VxMPerS = 0.5 } });
        // No heartbeats from here on.
        var changes = new List<V1.LeaseChanged>();
        while (changes.Count < 2 && await events.ResponseStream.MoveNext(timeout.Token))
        {
            if (events.ResponseStream.Current.LeaseChanged is { } change) changes.Add(change);
        }

        Assert.Equal([V1.LeaseChanged.Types.Change.Acquired, V1.LeaseChanged.Types.Change.Lapsed], changes.Select(c => c.Change));
        Assert.Equal("ana/laptop", changes[1].Holder);
        Assert.Equal(["mode Damping", "mode StandUp", "velocity 0.5 0 0", "velocity 0 0 0", "mode Damping"], daemon.Robot.Calls);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.HeartbeatAsync(new V1.HeartbeatRequest { LeaseId = lease.LeaseId }));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    [Fact]
    public async Task EStop_needs_no_lease()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000);
        await new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.OperatorToken)).AcquireLeaseAsync(new V1.AcquireLeaseRequest());

        await new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.SecondOperatorToken)).EStopAsync(new V1.EStopRequest());

        Assert.Equal(["estop"], daemon.Robot.Calls);
    }
}
