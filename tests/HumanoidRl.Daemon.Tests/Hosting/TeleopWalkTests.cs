using System.Globalization;
using HumanoidRl.Control.Modes;
using HumanoidRl.Daemon.Tests.Config;
using Xunit.Abstractions;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>
/// The whole operator path: the daemon runs the shipped walk policy on the real-time simulator and the real
/// `humanoid-rl teleop` process drives it from typed keys; when teleop dies, the lease lapses (stand_still) and
/// the robot stops and keeps standing under the policy.
/// </summary>
public sealed class TeleopWalkTests(ITestOutputHelper output)
{
    /// <summary>Five presses of w, TeleopKeymap.VxStepMPerS (0.1 m/s) each.</summary>
    private const int ForwardPresses = 5;
    private const double CommandedSpeedMPerS = 0.5;

    /// <summary>
    /// How far the measured speed may be from the command, as a fraction of it: the walk policy's tracking error
    /// in evaluation plus the transients of a gait over a few seconds (steps are not uniform within a window).
    /// Measured: 0.51 m/s under a 0.5 m/s command (models/README.md).
    /// </summary>
    private const double SpeedTolerance = 0.4;

    /// <summary>
    /// How far the base may still move in the stand-still window after the lapse: a standing walk policy sways and
    /// shuffles (measured ~0.12 m in 2 s); walking on would cover ~0.9 m.
    /// </summary>
    private const double StandStillBoundM = 0.3;

    /// <summary>
    /// Teleop heartbeats every third of the window. The robot's typical 500 ms lapsed now and then in this test with
    /// a heartbeat gap of ~1 s (daemon, loop and test share one process here); 2 s keeps the test about walking and
    /// stopping, and the lapse itself is still what stops the robot.
    /// </summary>
    private const long LeaseWindowMs = 2_000;

    private static readonly TimeSpan PolicySettle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GaitStart = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan WalkWindow = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan StopSettle = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan StandStillWindow = TimeSpan.FromSeconds(2);

    /// <summary>The shipped walk policy that walks: the PD-target variant (models/README.md has both walk policies' figures).</summary>
    private static string WalkPolicyPath { get; } = Path.Combine(DaemonConfigText.RepositoryRoot(), "models", "humanoid16-walk-pd.onnx");

    [Fact]
    public async Task Teleop_walks_the_policy_forward_at_the_commanded_speed_and_a_lapse_leaves_it_standing_still()
    {
        await using var daemon = await RunningDaemon.StartAsync(
            leaseWindowMs: LeaseWindowMs, simSpeed: "realtime", lapseMode: "stand_still", policyPath: WalkPolicyPath);
        var viewer = new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken));
        await using var events = await EventLog.OpenAsync(viewer);
        var teleop = TeleopProcess.Start(daemon.Address, DaemonConfigText.OperatorToken);
        try
        {
            Task<V1.Status> Until(Func<V1.Status, bool> condition, string what) =>
                WaitAsync(viewer, teleop, events, condition, what, leaseHeld: true);

            await WaitAsync(viewer, teleop, events,
                s => s.LeaseHolder.StartsWith("ana/teleop@", StringComparison.Ordinal), "teleop to hold the lease", leaseHeld: false);
            teleop.Press("1");
            await Until(s => s.Mode == V1.Mode.Damping, "Damping");
            teleop.Press("2");
            await Until(s => s.Mode == V1.Mode.StandUp && daemon.Robot.Controller.Status().StandUpComplete, "stand-up to finish");
            teleop.Press("3");
            await Until(s => s.Mode == V1.Mode.Policy, "Policy");
            await Task.Delay(PolicySettle);
            AssertStillUp(daemon, events, "after the policy took over, before walking");

            teleop.Press(new string('w', ForwardPresses));
            await Until(s => s.Command.VxMPerS == CommandedSpeedMPerS, $"the {CommandedSpeedMPerS} m/s command");
            await Task.Delay(GaitStart);
            var walkStart = BasePose.Of(daemon);
            await Task.Delay(WalkWindow);
            var walkEnd = BasePose.Of(daemon);
            var walking = await viewer.Telemetry.GetStatusAsync(new V1.GetStatusRequest());

            var walked = Describe(walkStart, walkEnd);
            output.WriteLine($"walking: {walked}");
            AssertStillUp(daemon, events, $"while walking ({walked})");
            Assert.True(walking.LeaseHolder.Length > 0 && walking.Command.VxMPerS == CommandedSpeedMPerS,
                $"teleop lost the lease or the command while walking: {walking}\nevents:{events}\nteleop output:\n{teleop.Output}");
            var (forwardM, _) = walkStart.DisplacementTo(walkEnd);
            var expectedM = CommandedSpeedMPerS * (walkEnd.SimulatedTimeS - walkStart.SimulatedTimeS);
            Assert.True(Math.Abs(forwardM - expectedM) <= SpeedTolerance * expectedM,
                string.Create(CultureInfo.InvariantCulture,
                    $"walked {walked}; expected {expectedM:F3} m forward " +
                    $"({CommandedSpeedMPerS} m/s commanded, +-{SpeedTolerance * 100} %)"));

            teleop.Kill();
            var lapsed = await events.WaitForAsync(
                e => e.LeaseChanged?.Change == V1.LeaseChanged.Types.Change.Lapsed, "LeaseChanged CHANGE_LAPSED");
            Assert.Contains("velocity command zeroed, mode kept: Policy", lapsed.Message, StringComparison.Ordinal);
            var afterLapse = await viewer.WaitForStatusAsync(
                s => s.LeaseHolder.Length == 0 && s.Command.VxMPerS == 0, "no holder and a zero command");
            Assert.Equal(V1.Mode.Policy, afterLapse.Mode);

            await Task.Delay(StopSettle);
            var standStart = BasePose.Of(daemon);
            await Task.Delay(StandStillWindow);
            var standEnd = BasePose.Of(daemon);

            var stood = Describe(standStart, standEnd);
            output.WriteLine($"after the lapse: {stood}");
            AssertStillUp(daemon, events, $"standing still after the lapse ({stood})");
            Assert.True(standStart.HorizontalDistanceM(standEnd) < StandStillBoundM,
                string.Create(CultureInfo.InvariantCulture,
                    $"after the lapse the base moved {standStart.HorizontalDistanceM(standEnd):F3} m " +
                    $"in {StandStillWindow.TotalSeconds} s (bound {StandStillBoundM} m): {stood}; walk was {walked}"));
        }
        finally
        {
            teleop.Dispose();
        }
    }

    /// <summary>
    /// Waits for a status, failing at once (with the events and teleop's output) if teleop exits or, with
    /// <paramref name="leaseHeld"/>, if its lease lapsed before the test killed it (heartbeats starved by load).
    /// </summary>
    private static async Task<V1.Status> WaitAsync(
        DaemonClient viewer, TeleopProcess teleop, EventLog events, Func<V1.Status, bool> condition, string what, bool leaseHeld)
    {
        bool Reached(V1.Status status)
        {
            if (teleop.HasExited) throw new InvalidOperationException($"teleop exited while waiting for {what}");
            if (leaseHeld && status.LeaseHolder.Length == 0)
                throw new InvalidOperationException($"teleop's lease ended while waiting for {what}");
            return condition(status);
        }

        try
        {
            return await viewer.WaitForStatusAsync(Reached, what);
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{error.Message}\nevents:{events}\nteleop output:\n{teleop.Output}", error);
        }
    }

    /// <summary>Still in Policy (a fall faults to Damping) with the base above the robot's fall height.</summary>
    private static void AssertStillUp(RunningDaemon daemon, EventLog events, string when)
    {
        var status = daemon.Robot.Controller.Status();
        var minHeightM = daemon.Robot.Config.Safety.MinBaseHeightM;
        var heightM = daemon.Simulator.BasePositionM.Z;
        Assert.True(status.Mode == ControlMode.Policy && heightM > minHeightM,
            string.Create(CultureInfo.InvariantCulture,
                $"the robot fell {when}: mode {status.Mode}, base height {heightM:F3} m (fall below {minHeightM} m), " +
                $"last fault: {status.LastFault ?? "none"}\nevents:{events}"));
    }

    private static string Describe(BasePose from, BasePose to)
    {
        var (forwardM, leftM) = from.DisplacementTo(to);
        var seconds = to.SimulatedTimeS - from.SimulatedTimeS;
        return string.Create(CultureInfo.InvariantCulture,
            $"{forwardM:F3} m forward, {leftM:F3} m left in {seconds:F2} s simulated = {forwardM / seconds:F3} m/s; " +
            $"heading {from.YawRad:F2} -> {to.YawRad:F2} rad; base ({from.XM:F3}, {from.YM:F3}) -> ({to.XM:F3}, {to.YM:F3}) m");
    }
}
