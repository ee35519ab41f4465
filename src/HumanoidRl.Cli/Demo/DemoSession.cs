using System.Diagnostics;
using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Backend;

namespace HumanoidRl.Cli.Demo;

/// <summary>
/// The real 500 Hz controller on the simulated robot, in this process: stands the robot up, hands it to the
/// policy and watches it for a while in real time, following every telemetry sample and loop event.
/// </summary>
internal sealed class DemoSession
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ModePatience = TimeSpan.FromSeconds(15);

    private readonly List<DemoFault> _faults = [];
    private readonly List<ControllerEvent> _events = [];
    private long _nextEvent;
    private long _nextSample;
    private long _policyStartNs = -1;
    private long _firstFaultNs = -1;
    private double _maxAbsRollRad;
    private double _maxAbsPitchRad;

    /// <summary>Runs the demo; InvalidOperationException when the robot cannot be stood up and handed to the policy.</summary>
    /// <param name="pushes">Push spec for the simulator (null: no pushes).</param>
    public DemoSummary Run(RobotConfig robot, string policyPath, double seconds, RandomizationSpec? pushes, Action<DemoProgress> show)
    {
        ArgumentNullException.ThrowIfNull(robot);
        ArgumentNullException.ThrowIfNull(show);
        using var backend = new SimulatorBackend(robot, pushes);
        using var controller = new RobotController(backend, ControllerSettings.FromRobot(robot), PolicyContracts.ForRobot(robot));
        controller.LoadPolicy(policyPath);
        var sample = new TelemetrySample(robot.JointCount);
        controller.Start();
        try
        {
            EnterMode(controller, ControlMode.Damping, () => true);
            EnterMode(controller, ControlMode.StandUp, () => controller.Status().StandUpComplete);
            _nextEvent = controller.Events.Published;
            EnterMode(controller, ControlMode.Policy, () => true);
            _policyStartNs = FirstPolicySampleNs(controller, sample);

            var clock = Stopwatch.StartNew();
            var ticksBefore = controller.Ticks;
            var rateClock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                Thread.Sleep(RefreshPeriod);
                Follow(controller, sample);
                var ticks = controller.Ticks;
                var rateHz = (ticks - ticksBefore) / rateClock.Elapsed.TotalSeconds;
                (ticksBefore, rateClock) = (ticks, Stopwatch.StartNew());
                var status = controller.Status();
                controller.Telemetry.TryReadLatest(sample);
                show(new DemoProgress(Math.Min(clock.Elapsed.TotalSeconds, seconds), seconds, status.Mode, rateHz,
                    status.JitterP50Us, status.JitterP99Us, status.Overruns, sample.RollRad, sample.PitchRad, _faults.Count,
                    status.LastFault));
            }
            var final = controller.Status();
            var runEndNs = _policyStartNs + (long)(seconds * 1e9);
            var policyNs = (_firstFaultNs < 0 ? runEndNs : _firstFaultNs) - _policyStartNs;
            return new DemoSummary(policyPath, seconds, policyNs / 1e9, _firstFaultNs >= 0, [.. _faults],
                _maxAbsRollRad, _maxAbsPitchRad, final.JitterP50Us, final.JitterP99Us, final.Overruns, pushes is not null);
        }
        finally
        {
            controller.StopAsync(TimeSpan.FromMilliseconds(500)).GetAwaiter().GetResult();
        }
    }

    /// <summary>Requests the mode and waits until the loop is in it and <paramref name="done"/> holds.</summary>
    private void EnterMode(RobotController controller, ControlMode mode, Func<bool> done)
    {
        if (controller.RequestMode(mode).Reason is { } refusal) throw new InvalidOperationException($"cannot enter {mode}: {refusal}");
        var deadline = Stopwatch.StartNew();
        while (controller.Mode != mode || !done())
        {
            if (controller.Status().LastFault is { } fault
                && controller.Mode is ControlMode.Damping or ControlMode.EStop
                && mode != ControlMode.Damping)
                throw new InvalidOperationException($"fault while entering {mode}: {fault}");
            if (controller.LoopFailure is { } failure)
                throw new InvalidOperationException($"the control loop died: {failure.Message}", failure);
            if (deadline.Elapsed > ModePatience)
                throw new InvalidOperationException(
                    $"the controller did not reach {mode} within {ModePatience.TotalSeconds:F0} s (mode {controller.Mode})");
            Thread.Sleep(5);
        }
    }

    /// <summary>Skips telemetry from before the policy took over; returns the policy's first tick time.</summary>
    private long FirstPolicySampleNs(RobotController controller, TelemetrySample sample)
    {
        var first = controller.Telemetry.Published;
        while (first > 0 && controller.Telemetry.TryRead(first - 1, sample) && sample.Mode == ControlMode.Policy) first--;
        _nextSample = first;
        return controller.Telemetry.TryRead(first, sample) ? sample.TimestampNs : Control.Loop.LinuxClock.NowNs();
    }

    /// <summary>Reads every new sample (extremes while in Policy before a fault) and every new event (faults).</summary>
    private void Follow(RobotController controller, TelemetrySample sample)
    {
        // Samples the ring has already overwritten (a stalled reader) are skipped, not waited for.
        _nextSample = Math.Max(_nextSample, controller.Telemetry.Published - controller.Telemetry.Capacity + 1);
        for (; _nextSample < controller.Telemetry.Published; _nextSample++)
        {
            if (!controller.Telemetry.TryRead(_nextSample, sample) || sample.Mode != ControlMode.Policy) continue;
            if (_firstFaultNs >= 0 && sample.TimestampNs >= _firstFaultNs) continue;
            _maxAbsRollRad = Math.Max(_maxAbsRollRad, Math.Abs(sample.RollRad));
            _maxAbsPitchRad = Math.Max(_maxAbsPitchRad, Math.Abs(sample.PitchRad));
        }
        _events.Clear();
        controller.Events.ReadFrom(ref _nextEvent, _events);
        foreach (var loopEvent in _events)
        {
            if (loopEvent.Kind != ControllerEventKind.Fault) continue;
            if (_firstFaultNs < 0) _firstFaultNs = loopEvent.TimestampNs;
            _faults.Add(new DemoFault(
                (loopEvent.TimestampNs - _policyStartNs) / 1e9, loopEvent.From.ToString(), loopEvent.Fault.Describe()));
        }
    }
}
