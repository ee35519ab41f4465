using Grpc.Core;
using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Hosting;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Services;

/// <summary>The Control service over real sockets on the real controller: auth, lease and command validation.</summary>
public sealed class ControlServiceTests
{
    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_and_changes_nothing()
    {
        await using var daemon = await RunningDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Control.ControlClient(daemon.Channel()).EStopAsync(new V1.EStopRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("authorization: Bearer", error.Status.Detail, StringComparison.Ordinal);
        var status = await new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken)).Telemetry
            .GetStatusAsync(new V1.GetStatusRequest());
        Assert.Equal(V1.Mode.Passive, status.Mode);
    }

    [Fact]
    public async Task A_call_with_an_unknown_token_is_unauthenticated()
    {
        await using var daemon = await RunningDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Control.ControlClient(daemon.Channel("hrl_not_configured")).EStopAsync(new V1.EStopRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(Control.Modes.ControlMode.Passive, daemon.Robot.Controller.Mode);
    }

    [Fact]
    public async Task A_viewer_calling_SetMode_is_permission_denied()
    {
        await using var daemon = await RunningDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.ViewerToken))
                .SetModeAsync(new V1.SetModeRequest { Mode = V1.Mode.Damping }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("needs the operator role; token 'vic' has viewer", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(Control.Modes.ControlMode.Passive, daemon.Robot.Controller.Mode);
    }

    [Fact]
    public async Task A_second_operator_is_refused_with_failed_precondition_naming_the_holder()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000);
        await new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.OperatorToken))
            .AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "laptop" });
        var second = new DaemonClient(daemon.Channel(DaemonConfigText.SecondOperatorToken));

        var acquire = await Assert.ThrowsAsync<RpcException>(async () =>
            await second.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "tablet" }));
        var command = await Assert.ThrowsAsync<RpcException>(async () =>
            await second.Control.SetModeAsync(new V1.SetModeRequest { Mode = V1.Mode.Damping }));

        Assert.Equal(StatusCode.FailedPrecondition, acquire.StatusCode);
        Assert.Contains("held by ana/laptop", acquire.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, command.StatusCode);
        Assert.Contains("held by ana/laptop", command.Status.Detail, StringComparison.Ordinal);
        var status = await second.Telemetry.GetStatusAsync(new V1.GetStatusRequest());
        Assert.Equal(V1.Mode.Passive, status.Mode);
        Assert.Equal("ana/laptop", status.LeaseHolder);
    }

    [Fact]
    public async Task The_holder_commands_and_velocity_is_clamped_to_the_configured_ranges()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000);
        var client = new DaemonClient(daemon.Channel(DaemonConfigText.OperatorToken));
        var lease = await client.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "laptop" });

        var mode = await client.Control.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId, Mode = V1.Mode.Damping });
        var velocity = await client.Control.SetVelocityCommandAsync(new V1.SetVelocityCommandRequest
        {
            LeaseId = lease.LeaseId,
            Command = new V1.VelocityCommand { VxMPerS = 3, VyMPerS = 0.1, YawRateRadPerS = -5 },
        });

        Assert.Equal(V1.Mode.Damping, mode.Mode);
        Assert.True(velocity.Clamped);
        var expected = new V1.VelocityCommand { VxMPerS = 1.0, VyMPerS = 0.1, YawRateRadPerS = -1.0 };
        Assert.Equal(expected, velocity.Applied);
        // The loop publishes the command as float32; compare what the robot uses at that precision.
        var status = await client.WaitForStatusAsync(
            s => s.Mode == V1.Mode.Damping && Math.Abs(s.Command.YawRateRadPerS + 1.0) < 1e-6, "Damping with the command applied");
        Assert.Equal(0.1, status.Command.VyMPerS, 6);
        Assert.Equal(1.0, status.Command.VxMPerS, 6);
    }

    [Fact]
    public async Task An_illegal_mode_change_is_failed_precondition_with_the_controllers_reason()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000);
        var client = new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.AdminToken));
        var lease = await client.AcquireLeaseAsync(new V1.AcquireLeaseRequest());

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId, Mode = V1.Mode.StandUp }));
        var unspecified = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("current mode is Passive", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, unspecified.StatusCode);
    }

    [Fact]
    public async Task A_lapsed_heartbeat_zeroes_the_velocity_enters_the_safe_mode_and_says_so_on_the_event_stream()
    {
        // Long enough that the four set-up calls fit in one window on a loaded CI machine (200 ms did not).
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 3_000);
        var viewer = new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken));
        using var events = viewer.Telemetry.StreamEvents(new V1.StreamEventsRequest());
        await events.ResponseHeadersAsync;
        var client = new DaemonClient(daemon.Channel(DaemonConfigText.OperatorToken));

        var lease = await client.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "laptop" });
        await client.Control.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId, Mode = V1.Mode.Damping });
        await client.Control.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId, Mode = V1.Mode.StandUp });
        await client.Control.SetVelocityCommandAsync(
            new V1.SetVelocityCommandRequest { LeaseId = lease.LeaseId, Command = new V1.VelocityCommand { VxMPerS = 0.5 } });
        // No heartbeats from here on.
        var seen = await DaemonClient.NextEventsAsync(events,
            e => e.LeaseChanged?.Change == V1.LeaseChanged.Types.Change.Lapsed,
            e => e.ModeChanged is { From: V1.Mode.StandUp, To: V1.Mode.Damping });

        var lapsed = seen[0];
        Assert.Equal("ana/laptop", lapsed.LeaseChanged.Holder);
        Assert.Contains("velocity command zeroed, mode set to Damping", lapsed.Message, StringComparison.Ordinal);
        var status = await viewer.WaitForStatusAsync(
            s => s.Mode == V1.Mode.Damping && s.Command.VxMPerS == 0, "Damping with a zero command");
        Assert.Equal("", status.LeaseHolder);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.Control.HeartbeatAsync(new V1.HeartbeatRequest { LeaseId = lease.LeaseId }));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    [Fact]
    public async Task EStop_needs_no_lease_and_latches_torque_off_until_the_fault_is_cleared()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000, simSpeed: "realtime");
        var holder = new DaemonClient(daemon.Channel(DaemonConfigText.OperatorToken));
        var lease = await holder.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest());
        await holder.StandUpAsync(lease.LeaseId);

        await new V1.Control.ControlClient(daemon.Channel(DaemonConfigText.SecondOperatorToken)).EStopAsync(new V1.EStopRequest());

        var status = await holder.WaitForStatusAsync(s => s.Mode == V1.Mode.Estop, "EStop");
        Assert.Equal("e-stop requested", status.Fault);
        var offWrites = daemon.Backend.TorqueOffWrites;
        await holder.WaitForStatusAsync(_ => daemon.Backend.TorqueOffWrites > offWrites + 10, "torque-off writes");
        Assert.False(daemon.Backend.LastWriteTorqueEnabled);
        var latched = await Assert.ThrowsAsync<RpcException>(async () =>
            await holder.Control.SetModeAsync(new V1.SetModeRequest { LeaseId = lease.LeaseId, Mode = V1.Mode.Damping }));
        Assert.Contains("ClearFault", latched.Status.Detail, StringComparison.Ordinal);
        await holder.Control.ClearFaultAsync(new V1.ClearFaultRequest { LeaseId = lease.LeaseId });
        await holder.WaitForStatusAsync(_ => !daemon.Robot.Controller.Status().FaultLatched, "fault cleared");
        await holder.SetModeAsync(lease.LeaseId, V1.Mode.Damping);
    }
}
