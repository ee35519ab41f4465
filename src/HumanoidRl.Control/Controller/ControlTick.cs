using System.Collections.Concurrent;
using HumanoidRl.Core.Backends;
using HumanoidRl.Control.Loop;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Geometry;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Controller;

/// <summary>
/// One tick of the loop: reads the backend, applies the queued operator requests, runs the sensor checks, has the
/// mode's controller compute torques, clamps them, writes the backend, checks it, then publishes telemetry and the
/// tick's statistics. Loop thread only; no allocation, no locks, no logging.
/// </summary>
internal sealed class ControlTick
{
    private readonly IRobotBackend _backend;
    private readonly SafetyLayer _safety;
    private readonly SensorFrame _frame;
    private readonly ModeManager _modes;
    private readonly LoopStatistics _statistics;
    private readonly TelemetryRing _telemetry;
    private readonly ConcurrentQueue<ControllerCommand> _mailbox;
    private readonly double[] _torqueNm;
    private readonly float[] _command = new float[3];
    private VelocityCommand _velocity = VelocityCommand.Zero;

    public ControlTick(IRobotBackend backend, SafetyLayer safety, SensorFrame frame, ModeManager modes, LoopStatistics statistics,
        TelemetryRing telemetry, ConcurrentQueue<ControllerCommand> mailbox)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _backend = backend;
        _safety = safety;
        _frame = frame;
        _modes = modes;
        _statistics = statistics;
        _telemetry = telemetry;
        _mailbox = mailbox;
        _torqueNm = new double[frame.JointCount];
    }

    /// <summary>Publishes the operator's velocity command for the next tick; any thread.</summary>
    public void SetVelocity(VelocityCommand velocity) => Volatile.Write(ref _velocity, velocity);

    /// <summary>
    /// Before the first deadline, untimed: the backend exchange a Passive tick makes (a read, the base height for the
    /// telemetry, a torque-off write), so that its code is compiled here and not in that tick.
    /// </summary>
    public void RehearseBackendExchange()
    {
        _backend.Read(_frame);
        _ = _backend.BaseHeightM;
        _backend.Write(_torqueNm, torqueEnabled: false);
    }

    /// <summary>Turns the motors off with zero torque: when the loop stops, or dies.</summary>
    public void WriteTorqueOff() => _backend.Write(new double[_frame.JointCount], torqueEnabled: false);

    /// <summary>Runs one tick that woke <paramref name="lateNs"/> after its deadline.</summary>
    public void Run(long lateNs)
    {
        var tick = _statistics.CurrentTick;
        var phases = _statistics.Phases;
        var startNs = LinuxClock.NowNs();
        phases.StartTick(startNs);
        phases.EnterBackend(startNs);
        var readOk = _backend.Read(_frame);
        phases.ExitBackend(LinuxClock.NowNs());
        while (_mailbox.TryDequeue(out var command)) _modes.Apply(command, tick, startNs);

        var attitude = Quat.FromSpan(_frame.ImuQuaternion).Normalized().ToRollPitchYaw();
        if (_modes.IsActive
            && _safety.CheckSensors(_frame, attitude.RollRad, attitude.PitchRad, _backend.BaseHeightM, startNs, out var sensorFault))
            _modes.Fault(sensorFault, tick);

        var velocity = Volatile.Read(ref _velocity);
        _command[0] = (float)velocity.ForwardMPerS;
        _command[1] = (float)velocity.LateralMPerS;
        _command[2] = (float)velocity.YawRateRadPerS;
        var torqueEnabled = _modes.ComputeTorques(_command, tick, startNs, _torqueNm);
        _safety.Clamp(_torqueNm, _frame.JointPositionRad);
        phases.EnterBackend(LinuxClock.NowNs());
        var writeOk = _backend.Write(_torqueNm, torqueEnabled);
        phases.ExitBackend(LinuxClock.NowNs());
        if (!(readOk && writeOk)) _statistics.CountBackendError();
        if (_safety.CheckBackend(readOk && writeOk, startNs, out var backendFault)) _modes.Fault(backendFault, tick);

        PublishTelemetry(tick, attitude, phases.ControllerNs(LinuxClock.NowNs()), phases.BackendNs);
        // After the publish, so the controller's compute includes it; the backend exchange is kept apart.
        _statistics.EndTick(lateNs, LinuxClock.NowNs());
    }

    private void PublishTelemetry(long tick, RollPitchYaw attitude, long computeNs, long backendNs)
    {
        var sample = _telemetry.BeginWrite();
        sample.Tick = tick;
        sample.TimestampNs = _frame.TimestampNs;
        sample.Mode = _modes.Mode;
        _frame.JointPositionRad.CopyTo(sample.JointPositionRad, 0);
        _frame.JointVelocityRadPerS.CopyTo(sample.JointVelocityRadPerS, 0);
        _torqueNm.CopyTo(sample.JointTorqueNm, 0);
        _frame.ImuQuaternion.CopyTo(sample.ImuQuaternion, 0);
        _frame.GyroRadPerS.CopyTo(sample.GyroRadPerS, 0);
        sample.RollRad = attitude.RollRad;
        sample.PitchRad = attitude.PitchRad;
        sample.BaseHeightM = _backend.BaseHeightM;
        for (var i = 0; i < 3; i++) sample.Command[i] = _command[i];
        if (_modes.Policy is { } policy) policy.LastAction.CopyTo(sample.Action);
        sample.ComputeNs = computeNs;
        sample.BackendNs = backendNs;
        _telemetry.Commit();
    }
}
