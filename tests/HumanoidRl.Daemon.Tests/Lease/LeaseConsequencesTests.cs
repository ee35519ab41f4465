using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Hosting;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Lease;

/// <summary>What a lapsed lease does to the real controller, per lease.lapse_mode (damping is in ControlServiceTests).</summary>
public sealed class LeaseConsequencesTests
{
    [Fact]
    public async Task A_lapse_with_stand_still_zeroes_the_velocity_and_keeps_the_mode()
    {
        // Long enough that the set-up calls fit in one window on a loaded CI machine; realtime so the robot keeps standing.
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 3_000, simSpeed: "realtime", lapseMode: "stand_still");
        var viewer = new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken));
        var client = new DaemonClient(daemon.Channel(DaemonConfigText.OperatorToken));
        var lease = await client.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "laptop" });
        await client.StandUpAsync(lease.LeaseId);
        await client.Control.SetVelocityCommandAsync(
            new V1.SetVelocityCommandRequest { LeaseId = lease.LeaseId, Command = new V1.VelocityCommand { VxMPerS = 0.5 } });
        await viewer.WaitForStatusAsync(s => s.Command.VxMPerS == 0.5, "the 0.5 m/s command applied");
        using var events = viewer.Telemetry.StreamEvents(new V1.StreamEventsRequest());
        await events.ResponseHeadersAsync;

        // No heartbeats from here on.
        var lapsed = await DaemonClient.NextEventAsync(events, e => e.LeaseChanged?.Change == V1.LeaseChanged.Types.Change.Lapsed);

        Assert.Equal("ana/laptop", lapsed.LeaseChanged.Holder);
        Assert.Contains("velocity command zeroed, mode kept: StandUp", lapsed.Message, StringComparison.Ordinal);
        var status = await viewer.WaitForStatusAsync(s => s.LeaseHolder == "" && s.Command.VxMPerS == 0, "no holder and a zero command");
        Assert.Equal(V1.Mode.StandUp, status.Mode);
        Assert.Equal(Control.Modes.ControlMode.StandUp, daemon.Robot.Controller.Mode);
    }
}
