using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Policy;
using HumanoidRl.Hardware.Backend;
using HumanoidRl.Sim.Backend;

namespace HumanoidRl.Control.Tests.Controller;

public sealed class RobotControllerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-controller-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Robot_stands_up_on_the_simulator_and_holds_the_default_pose()
    {
        using var controller = ControllerFixture.Create();
        controller.Start();

        ControllerFixture.StandUp(controller);
        var ticks = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > ticks + 1000, "two simulated seconds of standing");

        Assert.Equal(ControlMode.StandUp, controller.Mode);
        var sample = new TelemetrySample(ControllerFixture.Robot.JointCount);
        Assert.True(controller.Telemetry.TryReadLatest(sample));
        Assert.InRange(sample.BaseHeightM, 0.55, 0.7);
        Assert.InRange(Math.Abs(sample.RollRad), 0, 0.15);
        var modes = ControllerFixture.EventsSoFar(controller).Where(e => e.Kind == ControllerEventKind.ModeChanged).Select(e => e.To);
        Assert.Equal([ControlMode.Damping, ControlMode.StandUp], modes);
    }

    [Fact]
    public void A_mode_request_returns_once_the_real_time_loop_is_in_the_mode_so_the_next_may_follow_at_once()
    {
        // At 500 Hz a request waits up to 2 ms for its tick: a queue-and-return controller refuses the second request.
        using var controller = new RobotController(new SimulatorBackend(ControllerFixture.Robot),
            ControllerSettings.FromRobot(ControllerFixture.Robot), PolicyContracts.ForRobot(ControllerFixture.Robot));
        controller.Start();

        for (var round = 0; round < 5; round++)
        {
            Assert.Null(controller.RequestMode(ControlMode.Damping).Reason);
            Assert.Equal(ControlMode.Damping, controller.Mode);
            Assert.Null(controller.RequestMode(ControlMode.StandUp).Reason);
            Assert.Equal(ControlMode.StandUp, controller.Mode);
            Assert.Null(controller.RequestMode(ControlMode.Damping).Reason);
            Assert.Null(controller.RequestMode(ControlMode.Passive).Reason);
            Assert.Equal(ControlMode.Passive, controller.Mode);
        }
    }

    [Fact]
    public void ClearFault_returns_once_the_latch_is_released_so_Damping_may_follow_at_once()
    {
        using var controller = new RobotController(new SimulatorBackend(ControllerFixture.Robot),
            ControllerSettings.FromRobot(ControllerFixture.Robot), PolicyContracts.ForRobot(ControllerFixture.Robot));
        controller.Start();
        Assert.Null(controller.EStop().Reason);
        Assert.True(controller.Status().FaultLatched);

        Assert.Null(controller.ClearFault().Reason);
        Assert.False(controller.Status().FaultLatched);
        Assert.Null(controller.RequestMode(ControlMode.Damping).Reason);
        Assert.Equal(ControlMode.Damping, controller.Mode);
    }

    [Fact]
    public void Requests_to_a_stalled_loop_say_after_2_s_that_it_did_not_answer()
    {
        var backend = new FailingBackend(new SimulatorBackend(ControllerFixture.Robot)) { StallWrites = true };
        using var controller = ControllerFixture.Create(backend);
        controller.Start();

        try
        {
            // A request posted before the first tick's Write would be applied by that tick before it stalls.
            ControllerFixture.WaitFor(() => backend.WriteStalled, "the loop to stall in Write");
            Assert.Equal("the control loop did not answer within 2 s", controller.RequestMode(ControlMode.Damping).Reason);
            Assert.Equal("the control loop did not answer within 2 s", controller.EStop().Reason);
        }
        finally
        {
            backend.StallWrites = false;
        }
    }

    [Fact]
    public void Requests_after_the_loop_died_say_at_once_why_it_stopped()
    {
        var backend = new FailingBackend(new SimulatorBackend(ControllerFixture.Robot));
        using var controller = ControllerFixture.Create(backend);
        controller.Start();
        backend.ThrowOnRead = true;
        ControllerFixture.WaitFor(() => controller.LoopFailure is not null, "the loop to die");

        Assert.Equal("the control loop has stopped: injected backend bug", controller.EStop().Reason);
        Assert.Equal("the control loop has stopped: injected backend bug", controller.RequestMode(ControlMode.Damping).Reason);
    }

    [Fact]
    public void Policy_mode_runs_the_onnx_policy_and_publishes_its_actions()
    {
        using var controller = ControllerFixture.Create();
        controller.LoadPolicy(ControllerFixture.PolicyFile(_folder));
        controller.Start();
        ControllerFixture.StandUp(controller);

        Assert.Null(controller.RequestMode(ControlMode.Policy).Reason);
        ControllerFixture.WaitFor(() => controller.Mode == ControlMode.Policy, "Policy mode");
        var sample = new TelemetrySample(ControllerFixture.Robot.JointCount);
        ControllerFixture.WaitFor(
            () => controller.Telemetry.TryReadLatest(sample) && sample.Mode == ControlMode.Policy && sample.Action.Any(a => a != 0),
            "a policy action in telemetry");

        Assert.All(sample.Action, a => Assert.True(float.IsFinite(a)));
    }

    [Fact]
    public void Policy_mode_is_refused_before_stand_up_has_finished_or_without_a_policy()
    {
        using var controller = ControllerFixture.Create();
        controller.Start();
        ControllerFixture.StandUp(controller);

        var refusal = controller.RequestMode(ControlMode.Policy).Reason;

        Assert.Equal("current mode is StandUp: no policy is loaded", refusal);
        Assert.StartsWith("current mode is StandUp", controller.RequestMode(ControlMode.Passive).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EStop_turns_torque_off_and_latches_until_cleared()
    {
        var backend = new FailingBackend(new SimulatorBackend(ControllerFixture.Robot));
        using var controller = ControllerFixture.Create(backend);
        controller.Start();
        ControllerFixture.StandUp(controller);

        Assert.Null(controller.EStop().Reason);
        Assert.Equal(ControlMode.EStop, controller.Mode);
        var offWrites = backend.TorqueOffWrites;
        ControllerFixture.WaitFor(() => backend.TorqueOffWrites > offWrites + 10, "torque-off writes");

        Assert.Contains("ClearFault", controller.RequestMode(ControlMode.Damping).Reason, StringComparison.Ordinal);
        Assert.Null(controller.ClearFault().Reason);
        Assert.NotNull(controller.RequestMode(ControlMode.StandUp).Reason);
        Assert.Null(controller.RequestMode(ControlMode.Damping).Reason);
        ControllerFixture.WaitFor(() => controller.Mode == ControlMode.Damping, "Damping after e-stop");
    }

    [Fact]
    public void Nan_policy_output_drops_to_damping_with_a_fault_naming_the_output()
    {
        using var controller = ControllerFixture.Create();
        controller.LoadPolicy(ControllerFixture.PolicyFile(_folder, biasOverride: float.NaN, name: "nan.onnx"));
        controller.Start();
        ControllerFixture.StandUp(controller);

        controller.RequestMode(ControlMode.Policy);
        ControllerFixture.WaitFor(() => controller.Mode == ControlMode.Damping && controller.Status().LastFault is not null, "NaN fault");

        var fault = ControllerFixture.EventsSoFar(controller).Single(e => e.Kind == ControllerEventKind.Fault);
        Assert.Equal(FaultKind.PolicyNotFinite, fault.Fault.Kind);
        Assert.Equal(ControlMode.Policy, fault.From);
        Assert.Contains("not finite", controller.Status().LastFault, StringComparison.Ordinal);
    }

    [Fact]
    public void Backend_failures_beyond_the_bound_drop_to_damping()
    {
        var backend = new FailingBackend(new SimulatorBackend(ControllerFixture.Robot));
        using var controller = ControllerFixture.Create(backend);
        controller.Start();
        ControllerFixture.StandUp(controller);

        backend.FailReads = true;
        ControllerFixture.WaitFor(() => controller.Mode == ControlMode.Damping, "Damping after backend failures");

        var fault = ControllerFixture.EventsSoFar(controller).First(e => e.Kind == ControllerEventKind.Fault);
        Assert.True(fault.Fault.Kind is FaultKind.BackendFailure or FaultKind.StaleSensors, fault.Describe());
        Assert.True(controller.Status().BackendErrors > 0);
    }

    [Fact]
    public void A_policy_whose_contract_does_not_match_the_robot_is_refused_naming_the_field()
    {
        using var controller = ControllerFixture.Create();
        var path = ControllerFixture.PolicyFile(_folder, edit: c => c with { JointNames = [.. c.JointNames.Reverse()] });

        var error = Assert.Throws<InvalidDataException>(() => controller.LoadPolicy(path));

        Assert.Contains("joint_names: policy has", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Null(controller.Policy);
    }

    [Fact]
    public void Loading_a_policy_is_refused_in_policy_mode_and_allowed_outside_it()
    {
        using var controller = ControllerFixture.Create();
        controller.LoadPolicy(ControllerFixture.PolicyFile(_folder, seed: 1, name: "a.onnx"));
        controller.Start();
        ControllerFixture.StandUp(controller);
        controller.RequestMode(ControlMode.Policy);
        ControllerFixture.WaitFor(() => controller.Mode == ControlMode.Policy, "Policy mode");

        var other = ControllerFixture.PolicyFile(_folder, seed: 2, name: "b.onnx");
        Assert.Throws<InvalidOperationException>(() => controller.LoadPolicy(other));

        controller.RequestMode(ControlMode.StandUp);
        ControllerFixture.WaitFor(() => controller.Mode != ControlMode.Policy, "leaving Policy");
        var contract = controller.LoadPolicy(ControllerFixture.PolicyFile(_folder, seed: 3, name: "c.onnx"));
        Assert.Equal(Path.Combine(_folder, "c.onnx"), controller.PolicyPath);
        Assert.Equal("balance", contract.Task);
    }

    [Fact]
    public void Velocity_commands_are_clamped_to_the_configured_ranges_and_reach_telemetry()
    {
        using var controller = ControllerFixture.Create();
        controller.Start();

        var clamped = controller.SetVelocityCommand(5, -2, 0.5);

        Assert.Equal((1.0, -0.3, 0.5), clamped);
        var sample = new TelemetrySample(ControllerFixture.Robot.JointCount);
        ControllerFixture.WaitFor(() => controller.Telemetry.TryReadLatest(sample) && sample.Command[0] == 1.0, "command in telemetry");
        Assert.Equal(-0.3, sample.Command[1], precision: 6);
    }

    [Fact]
    public void Backend_time_is_reported_apart_from_the_controllers_compute()
    {
        // The backend's Write takes at least 5 ms (a slow bus); that time must land in the backend figures only.
        var slowBus = new FailingBackend(new SimulatorBackend(ControllerFixture.Robot), writeTime: TimeSpan.FromMilliseconds(5));
        using var controller = ControllerFixture.Create(slowBus);
        controller.Start();
        var start = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > start + 20, "20 ticks");

        var status = controller.Status();
        Assert.True(status.BackendP50Us >= 5_000, $"backend p50 {status.BackendP50Us} us, expected >= 5000 us (the slow Write)");
        Assert.True(status.ComputeP50Us < status.BackendP50Us,
            $"compute p50 {status.ComputeP50Us} us includes the backend's {status.BackendP50Us} us");
        var sample = new TelemetrySample(ControllerFixture.Robot.JointCount);
        Assert.True(controller.Telemetry.TryReadLatest(sample));
        Assert.True(sample.BackendNs >= 5_000_000, $"telemetry backend time {sample.BackendNs} ns, expected >= 5 ms");
    }

    [Fact]
    public async Task Inference_time_is_reported_for_policy_mode_only_within_the_compute_and_cleared_with_the_statistics()
    {
        using var controller = ControllerFixture.Create();
        controller.LoadPolicy(ControllerFixture.PolicyFile(_folder));
        controller.Start();
        ControllerFixture.StandUp(controller);
        var beforePolicy = controller.Status();
        controller.RequestMode(ControlMode.Policy);
        ControllerFixture.WaitFor(() => controller.Mode == ControlMode.Policy, "Policy mode");
        var start = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > start + 100, "100 ticks");
        await controller.StopAsync(TimeSpan.Zero); // a stopped loop: the status below is one consistent snapshot

        var status = controller.Status();
        Assert.Equal((0, 0, 0), (beforePolicy.InferenceP50Us, beforePolicy.InferenceP99Us, beforePolicy.InferenceMaxUs));
        Assert.Equal(0, status.PrewarmMaxUs); // policy_prewarm_us is 0 unless configured
        Assert.True(status.InferenceMaxUs > 0, "no inference time recorded in Policy mode");
        Assert.InRange(status.InferenceP50Us, 0, status.InferenceP99Us);
        Assert.InRange(status.InferenceP99Us, 0, status.InferenceMaxUs);
        // Each inference runs inside one tick's compute.
        Assert.InRange(status.InferenceMaxUs, 0, status.ComputeMaxUs);
        controller.ResetStatistics();
        Assert.Equal(0, controller.Status().InferenceMaxUs);
    }

    [Fact]
    public async Task With_a_policy_prewarm_the_real_time_loop_warms_the_policy_before_each_inference_tick_and_allocates_nothing()
    {
        var settings = ControllerSettings.FromRobot(ControllerFixture.Robot) with
        {
            StandUpS = 0.2,
            Realtime = new RealtimeOptions(PolicyPrewarmUs: 500),
        };
        using var controller = ControllerFixture.OnSimulator(settings);
        // The shipped walk policy stands under a zero command, so the loop stays in Policy mode for the whole test.
        controller.LoadPolicy(Path.Combine(ControllerFixture.RepositoryRoot, "models", "humanoid16-walk-pd.onnx"));
        controller.Start();
        ControllerFixture.StandUp(controller);
        Assert.Equal(0, controller.Status().PrewarmMaxUs); // only in Policy mode
        controller.RequestMode(ControlMode.Policy);
        ControllerFixture.WaitFor(() => controller.Mode == ControlMode.Policy, "Policy mode");
        var warm = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > warm + 50, "warm-up");

        controller.ResetStatistics();
        var start = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > start + 200, "200 ticks");
        var allocated = controller.AllocatedBytesSinceReset;
        var modeAtEnd = controller.Mode;
        await controller.StopAsync(TimeSpan.Zero);

        var status = controller.Status();
        Assert.Equal(0, allocated);
        Assert.True(modeAtEnd == ControlMode.Policy, $"left Policy mode ({modeAtEnd}): {status.LastFault}");
        Assert.True(status.PrewarmMaxUs > 0, "no warm-up recorded in Policy mode");
        Assert.InRange(status.PrewarmP50Us, 0, status.PrewarmMaxUs);
        Assert.Contains(status.RealtimeNotes, note => note == "policy warm-up 500 us before each inference tick: applied");
    }

    [Fact]
    public async Task A_warm_up_whose_lead_is_shorter_than_the_call_is_counted_past_the_deadline_and_one_within_it_is_not()
    {
        // 1 us is shorter than any ONNX Runtime call; 1900 us of the 2 ms period is longer than a warm call by far. The busy-wait
        // before the warm-up (spin_us) starts it on time: a warm-up whose wake-up came after the deadline would be skipped.
        var (shortLead, _, _) = await PrewarmsPastDeadlineAsync(1);
        var (longLead, repeats, policyTicks) = await PrewarmsPastDeadlineAsync(1900);

        Assert.True(shortLead > 0, "a 1 us lead never ran past the deadline");
        Assert.True(longLead < policyTicks / 10, $"{longLead} of {policyTicks} warm-ups with a 1900 us lead ran past the deadline");
        // 1900 us hold dozens of warm calls: the warm-up repeats until shortly before each deadline.
        Assert.True(repeats > 2 * policyTicks, $"{repeats} warm-up repeats before {policyTicks} inference ticks with a 1900 us lead");
    }

    /// <summary>
    /// Warm-ups past the deadline and warm-up repeats in about 100 policy ticks of the shipped walk policy standing still,
    /// and those ticks.
    /// </summary>
    private static async Task<(long PastDeadline, long Repeats, long PolicyTicks)> PrewarmsPastDeadlineAsync(int leadUs)
    {
        var settings = ControllerSettings.FromRobot(ControllerFixture.Robot) with
        {
            StandUpS = 0.2,
            Realtime = new RealtimeOptions(SpinUs: 1950, PolicyPrewarmUs: leadUs),
        };
        using var controller = ControllerFixture.OnSimulator(settings);
        controller.LoadPolicy(Path.Combine(ControllerFixture.RepositoryRoot, "models", "humanoid16-walk-pd.onnx"));
        controller.Start();
        ControllerFixture.StandUp(controller);
        Assert.Null(controller.RequestMode(ControlMode.Policy).Reason);
        ControllerFixture.WaitFor(() => controller.Mode == ControlMode.Policy, "Policy mode");
        var start = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > start + 400, "400 ticks");
        await controller.StopAsync(TimeSpan.Zero);
        return (controller.PrewarmsPastDeadline, controller.PrewarmRepeats, (controller.Ticks - start) / 4);
    }

    [Fact]
    public void A_held_loop_stops_ticking_and_resumes_in_policy_mode_without_a_fault_overruns_late_wake_up_or_allocation()
    {
        // Paced in real time: only deadlines the pause has passed could turn into overruns and late wake-ups.
        const int HeldMs = 500;
        var settings = ControllerSettings.FromRobot(ControllerFixture.Robot) with { StandUpS = 0.2 };
        var heldPeriods = HeldMs * 1_000_000L / settings.PeriodNs;
        using var controller = ControllerFixture.OnSimulator(settings);
        // The shipped walk policy stands under a zero command, so only a fault can take the loop out of Policy mode.
        controller.LoadPolicy(Path.Combine(ControllerFixture.RepositoryRoot, "models", "humanoid16-walk-pd.onnx"));
        controller.Start();
        ControllerFixture.StandUp(controller);
        Assert.Null(controller.RequestMode(ControlMode.Policy).Reason);
        var warm = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > warm + 100, "warm-up in Policy mode");
        controller.ResetStatistics();
        var overrunsBefore = controller.Status().Overruns;

        controller.Pause.Begin();
        var heldAt = controller.Ticks;
        Thread.Sleep(HeldMs);
        var ticksWhileHeld = controller.Ticks - heldAt;
        controller.Pause.End();
        ControllerFixture.WaitFor(() => controller.Ticks > heldAt + 200, "200 ticks after the resume");
        controller.Pause.Begin(); // the figures below are one consistent snapshot
        var status = controller.Status();
        var allocated = controller.AllocatedBytesSinceReset;

        Assert.Equal(0, ticksWhileHeld);
        Assert.True(status.Mode == ControlMode.Policy && status.LastFault is null, $"left Policy mode ({status.Mode}): {status.LastFault}");
        // Counted as missed, the deadlines the pause spans would all be overruns, and the first tick after it would wake that late.
        Assert.True(status.Overruns - overrunsBefore < heldPeriods / 2,
            $"{status.Overruns - overrunsBefore} overruns across a {HeldMs} ms hold");
        Assert.True(status.JitterMaxUs < HeldMs * 1000 / 2, $"jitter max {status.JitterMaxUs} us across a {HeldMs} ms hold");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Holding_the_loop_is_refused_on_the_hardware_backend_naming_why()
    {
        using var backend = new DynamixelHardwareBackend(ControllerFixture.Robot);
        using var controller = new RobotController(backend, ControllerSettings.FromRobot(ControllerFixture.Robot),
            PolicyContracts.ForRobot(ControllerFixture.Robot));

        var refusal = Assert.Throws<InvalidOperationException>(controller.Pause.Begin);

        Assert.Equal(
            "the control loop can be held only on a simulator: backend dynamixel drives motors, which a held loop would stop commanding",
            refusal.Message);
    }

    [Fact]
    public void The_loop_allocates_nothing_per_tick_after_warm_up_in_policy_mode()
    {
        using var controller = ControllerFixture.Create();
        controller.LoadPolicy(ControllerFixture.PolicyFile(_folder));
        controller.Start();
        ControllerFixture.StandUp(controller);
        controller.RequestMode(ControlMode.Policy);
        ControllerFixture.WaitFor(() => controller.Mode == ControlMode.Policy, "Policy mode");
        var warm = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > warm + 200, "warm-up");

        controller.ResetStatistics();
        var start = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > start + 500, "500 ticks");

        Assert.Equal(0, controller.AllocatedBytesSinceReset);
    }
}
