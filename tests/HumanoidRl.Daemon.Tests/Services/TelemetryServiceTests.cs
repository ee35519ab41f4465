using System.Diagnostics;
using Grpc.Core;
using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Hosting;
using HumanoidRl.Daemon.Tests.Robot;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Services;

/// <summary>Telemetry over real sockets on the real controller: the whole operator session, rates, faults, slow clients.</summary>
public sealed class TelemetryServiceTests
{
    [Fact]
    public async Task An_operator_session_stands_up_runs_the_policy_streams_state_at_the_requested_rate_and_estops()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000, simSpeed: "realtime");
        var admin = new DaemonClient(daemon.Channel(DaemonConfigText.AdminToken));
        var viewer = new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken));
        var lease = await admin.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "test" });
        var policyPath = TestPolicies.Write(daemon.FolderPath);

        var info = await admin.Policy.LoadPolicyAsync(new V1.LoadPolicyRequest { Path = policyPath });
        await admin.StandUpAsync(lease.LeaseId, thenPolicy: true);
        await admin.Control.SetVelocityCommandAsync(
            new V1.SetVelocityCommandRequest { LeaseId = lease.LeaseId, Command = new V1.VelocityCommand { VxMPerS = 0.25 } });

        // 100 Hz from a 500 Hz loop, counted over about 2 s of wall time.
        using var stream = viewer.Telemetry.StreamState(new V1.StreamStateRequest { RateHz = 100 });
        using var timeout = new CancellationTokenSource(DaemonClient.Patience);
        Assert.True(await stream.ResponseStream.MoveNext(timeout.Token));
        var first = stream.ResponseStream.Current;
        var clock = Stopwatch.StartNew();
        var received = 0;
        V1.RobotState last = first;
        while (clock.Elapsed < TimeSpan.FromSeconds(2) && await stream.ResponseStream.MoveNext(timeout.Token))
        {
            last = stream.ResponseStream.Current;
            received++;
        }
        var ratePerS = received / clock.Elapsed.TotalSeconds;

        Assert.Equal(policyPath, info.Path);
        Assert.Equal(16, info.ActionSize);
        Assert.InRange(ratePerS, 50, 150);
        Assert.All(new[] { first, last }, s => Assert.Equal(0, s.Tick % 5));
        Assert.Equal(16, last.JointTorqueNm.Count);
        Assert.Equal(0.25, last.Command.VxMPerS, 6);
        Assert.True(last.Loop.Ticks > 0);
        Assert.True(last.Loop.InferenceMaxUs > 0, $"no inference time in the loop statistics after Policy mode: {last.Loop}");

        await admin.Control.EStopAsync(new V1.EStopRequest());
        var status = await viewer.WaitForStatusAsync(s => s.Mode == V1.Mode.Estop, "EStop");
        V1.RobotState state;
        do
        {
            Assert.True(await stream.ResponseStream.MoveNext(timeout.Token));
            state = stream.ResponseStream.Current;
        }
        while (state.Mode != V1.Mode.Estop);
        Assert.All(state.JointTorqueNm, torque => Assert.Equal(0, torque));
        Assert.Equal(policyPath, status.PolicyPath);
        Assert.Equal("simulator", status.Backend);
        Assert.Equal(500, status.LoopRateHz);
        Assert.Equal(16, status.JointNames.Count);
    }

    [Fact]
    public async Task A_rate_above_the_loop_rate_is_invalid_argument()
    {
        await using var daemon = await RunningDaemon.StartAsync();
        var viewer = new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken));

        using var stream = viewer.Telemetry.StreamState(new V1.StreamStateRequest { RateHz = 1000 });
        var error = await Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("rate_hz: 1000 is out of range (expected 0 for the loop rate, or 1 to 500 Hz)",
            error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_whose_output_is_NaN_faults_to_damping_and_the_event_names_the_reason()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000, simSpeed: "realtime");
        var admin = new DaemonClient(daemon.Channel(DaemonConfigText.AdminToken));
        using var events = admin.Telemetry.StreamEvents(new V1.StreamEventsRequest());
        await events.ResponseHeadersAsync;
        var lease = await admin.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest());
        await admin.Policy.LoadPolicyAsync(
            new V1.LoadPolicyRequest { Path = TestPolicies.Write(daemon.FolderPath, "nan.onnx", outputBias: float.NaN) });

        await admin.StandUpAsync(lease.LeaseId, thenPolicy: true);
        var fault = await DaemonClient.NextEventAsync(events, e => e.Fault is not null);

        Assert.Contains("(not finite)", fault.Fault.Reason, StringComparison.Ordinal);
        Assert.Equal(V1.Mode.Damping, fault.Fault.SafeMode);
        var status = await admin.WaitForStatusAsync(s => s.Mode == V1.Mode.Damping, "Damping");
        Assert.Contains("(not finite)", status.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_backend_faults_to_damping_and_counts_backend_errors()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000, simSpeed: "realtime");
        var admin = new DaemonClient(daemon.Channel(DaemonConfigText.AdminToken));
        using var events = admin.Telemetry.StreamEvents(new V1.StreamEventsRequest());
        await events.ResponseHeadersAsync;
        var lease = await admin.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest());
        await admin.StandUpAsync(lease.LeaseId);

        daemon.Backend.FailReads = true;
        var fault = await DaemonClient.NextEventAsync(events, e => e.Fault is not null);

        Assert.Equal(V1.Mode.Damping, fault.Fault.SafeMode);
        Assert.Matches("backend failed|sensor data", fault.Fault.Reason);
        var status = await admin.WaitForStatusAsync(s => s.Mode == V1.Mode.Damping, "Damping");
        Assert.True(status.Loop.BackendErrors > 0);
        // The reads keep failing, so the latest fault's count has grown since the event.
        Assert.Matches("backend failed|sensor data", status.Fault);
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_is_dropped_with_resource_exhausted_while_a_fast_one_keeps_receiving()
    {
        await using var daemon = await RunningDaemon.StartAsync(simSpeed: "realtime");
        var viewer = new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken));
        // Separate connections: the stalled stream must not share HTTP/2 flow control with the fast one.
        var slowViewer = new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken));
        // The fast one reads at 50 Hz, so only a stall of 2 s in this test process (not a busy CI machine's usual
        // hiccups) could put it 100 messages behind. It subscribes first: the slow one, taking every tick and reading
        // none, is dropped as soon as its HTTP/2 window and its 100-message queue fill, and on a loaded machine setting
        // up the other stream after it once took longer than that (a fresh-clone CI run counted 1 subscriber here).
        using var fast = viewer.Telemetry.StreamState(new V1.StreamStateRequest { RateHz = 50 });
        await fast.ResponseHeadersAsync;
        using var slow = slowViewer.Telemetry.StreamState(new V1.StreamStateRequest());
        await slow.ResponseHeadersAsync;
        Assert.Equal(2, daemon.Subscribers);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var fastReceived = 0L;
        while (daemon.Subscribers > 1)
        {
            Assert.True(await fast.ResponseStream.MoveNext(timeout.Token));
            fastReceived++;
        }
        var afterDrop = 0;
        while (afterDrop < 50 && await fast.ResponseStream.MoveNext(timeout.Token)) afterDrop++;
        var slowError = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await slow.ResponseStream.MoveNext(timeout.Token))
            {
            }
        });

        Assert.True(fastReceived > 0);
        Assert.Equal(50, afterDrop);
        Assert.Equal(StatusCode.ResourceExhausted, slowError.StatusCode);
        Assert.Contains("disconnected so that it cannot slow the control loop", slowError.Status.Detail, StringComparison.Ordinal);
    }
}
