using HumanoidRl.Core.Action;
using HumanoidRl.Core.Geometry;
using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Reward;
using HumanoidRl.Core.Sensing;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Randomization;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Environment;

/// <summary>
/// One randomized humanoid episode after another on its own model copy. A policy step runs Decimation loop
/// ticks (actions applied at the loop rate, through the action delay line, motor strength and torque limits),
/// then builds the actor observation from the delayed, noisy sensor frame with the same Core code the daemon
/// uses, and the critic observation from the true state plus privileged simulator facts.
/// Allocation-free after construction; not thread-safe (one thread steps one environment at a time).
/// </summary>
public sealed class HumanoidEnvironment : IDisposable
{
    /// <summary>Upper bound of any latency range, in loop ticks (40 ms at 500 Hz).</summary>
    public const int MaxDelayTicks = 20;

    private const double PushForceObservationScale = 0.01;

    private readonly HumanoidTask _task;
    private readonly HumanoidBinding _binding;
    private readonly MjModel _model;
    private readonly MjData _data;
    private Random _random;
    private readonly EpisodeRandomization _drawn;
    private readonly ActionDelayLine _actionDelay;
    private readonly SensorDelayLine _sensorDelay;
    private readonly PushScheduler _pushes;
    private readonly ObservationBuilder _actorBuilder;
    private readonly ObservationBuilder _criticBuilder;
    private readonly float[] _lastAction;
    private readonly float[] _action;
    private readonly float[] _command = new float[3];
    private readonly double[] _torqueNm;
    private readonly double[] _holdTorqueNm;
    private readonly double[] _previousJointVelocity;
    private readonly double[] _footAirTimeS;
    private readonly double[] _footTouchdownAirTimeS;
    private readonly bool[] _footInContact;
    private readonly double[] _rewardTerms = new double[RewardCalculator.TermCount];
    private readonly GroundContacts? _contacts;
    private readonly bool _trackFootSlip;
    private readonly bool[] _footOnGround;
    private readonly double[] _footPreviousXyM;
    private readonly double[] _footVelocityXyMPerS;
    private double _commandRangeFraction = 1.0;
    private double _robotMassKg;
    private int _step;
    private double _nextCommandResampleS;

    public HumanoidEnvironment(HumanoidTask task, int seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        _task = task;
        _binding = task.Binding;
        _model = task.NominalModel.Copy();
        _data = new MjData(_model);
        _random = new Random(seed);
        var joints = task.JointCount;
        _drawn = new EpisodeRandomization(joints);
        _actionDelay = new ActionDelayLine(joints, MaxDelayTicks);
        _sensorDelay = new SensorDelayLine(joints, MaxDelayTicks);
        _pushes = new PushScheduler(task.Task.Randomization);
        _actorBuilder = new ObservationBuilder(task.Layout, task.DefaultPoseRad);
        _criticBuilder = new ObservationBuilder(task.Layout, task.DefaultPoseRad);
        _lastAction = new float[joints];
        _action = new float[joints];
        _torqueNm = new double[joints];
        _holdTorqueNm = new double[joints];
        _previousJointVelocity = new double[joints];
        _footAirTimeS = new double[task.FootCount];
        _footTouchdownAirTimeS = new double[task.FootCount];
        _footInContact = new bool[task.FootCount];
        _contacts = task.Contacts;
        _trackFootSlip = _contacts is not null && task.Rewards.Uses(RewardTerm.FootSlip);
        var feet = _contacts?.FootCount ?? 0;
        _footOnGround = new bool[feet];
        _footPreviousXyM = new double[2 * feet];
        _footVelocityXyMPerS = new double[2 * feet];
        var spec = task.Task.Randomization;
        if (spec.ActionDelayTicks.Max > MaxDelayTicks || spec.ObservationDelayTicks.Max > MaxDelayTicks)
            throw new ArgumentException($"{task.Task.SourcePath}: latency ranges may not exceed {MaxDelayTicks} loop ticks");
    }

    public HumanoidTask Task => _task;

    /// <summary>Restarts this environment's random stream (randomization, noise, commands, pushes).</summary>
    public void Reseed(int seed) => _random = new Random(seed);

    public MjModel Model => _model;

    public MjData Data => _data;

    /// <summary>What this episode's randomization drew.</summary>
    public EpisodeRandomization Drawn => _drawn;

    /// <summary>The current velocity command (vx, vy, yaw rate).</summary>
    public ReadOnlySpan<float> Command => _command;

    public double EpisodeTimeS => _step * _task.PolicyDtS;

    /// <summary>
    /// Fraction of the task's command ranges that new commands are drawn from (a training curriculum sets it;
    /// evaluation leaves it at 1). Takes effect at the next sample.
    /// </summary>
    public double CommandRangeFraction
    {
        get => _commandRangeFraction;
        set
        {
            if (!(value is > 0 and <= 1))
                throw new ArgumentOutOfRangeException(nameof(value), value, "command range fraction must be in (0, 1]");
            _commandRangeFraction = value;
        }
    }

    /// <summary>
    /// Per foot named in rewards.foot_bodies: on the ground after the last step (empty when foot_slip and collision are unweighted).
    /// </summary>
    public ReadOnlySpan<bool> FootOnGround => _footOnGround;

    /// <summary>Per reward term, the weighted sum over the current episode (for logging).</summary>
    public ReadOnlySpan<double> EpisodeRewardTerms => _rewardTerms;

    /// <summary>The push force acting now (world x, y; N).</summary>
    public (double X, double Y) PushForceN => (_pushes.ForceXN, _pushes.ForceYN);

    /// <summary>Starts a new episode: nominal model, fresh randomization, stand keyframe with joint noise.</summary>
    public void Reset(Span<float> observation, Span<float> criticObservation)
    {
        _task.Randomizer.Apply(_model, _data, _random, _drawn);
        _data.ResetToKeyframe(_binding.StandKeyframeId);
        var noise = _task.Task.Environment.InitialJointNoiseRad;
        var qpos = _data.Qpos;
        if (noise > 0)
        {
            foreach (var adr in _binding.JointQposAdr) qpos[adr] += noise * ((2 * _random.NextDouble()) - 1);
        }
        _data.Forward();

        _robotMassKg = 0;
        foreach (var mass in _model.BodyMass) _robotMassKg += mass;
        _task.Task.Commands.Sample(_random, _command, _commandRangeFraction);
        var resample = _task.Task.Commands.ResampleIntervalS;
        _nextCommandResampleS = resample > 0 ? resample : double.PositiveInfinity;
        _pushes.Reset(_random);
        _actionDelay.Clear();
        _sensorDelay.Clear();
        _actorBuilder.Reset();
        _criticBuilder.Reset();
        Array.Clear(_lastAction);
        Array.Clear(_torqueNm);
        Array.Clear(_footAirTimeS);
        Array.Clear(_footInContact);
        Array.Clear(_footOnGround);
        Array.Clear(_footVelocityXyMPerS);
        Array.Clear(_rewardTerms);
        _step = 0;

        RecordSensors();
        _sensorDelay.Delayed(0).JointVelocityRadPerS.CopyTo(_previousJointVelocity, 0);
        var orientation = BaseOrientation();
        var (forward, lateral, _) = BaseVelocityInHeadingFrame(orientation, orientation.ToRollPitchYaw().YawRad);
        BuildObservations(observation, criticObservation, forward, lateral);
    }

    /// <summary>
    /// One policy step. Returns the reward; <paramref name="terminated"/> on a fall, <paramref name="truncated"/>
    /// at the time limit. The observations written are of the state after the step (the caller resets).
    /// </summary>
    public double Step(ReadOnlySpan<float> action, Span<float> observation, Span<float> criticObservation, out bool terminated,
        out bool truncated)
    {
        var joints = _task.JointCount;
        if (action.Length != joints) throw new ArgumentException($"action has {action.Length} values, expected {joints}", nameof(action));
        ActionMapping.ClampNormalized(action, _action);
        var ctrl = _data.Ctrl;
        var xfrc = _data.XfrcApplied;
        var baseForce = _binding.BaseBodyId * 6;
        Array.Clear(_footTouchdownAirTimeS);
        for (var tick = 0; tick < _task.Decimation; tick++)
        {
            var applied = _actionDelay.PushAndRead(_action, _drawn.ActionDelayTicks);
            // The newest recorded frame is the true current state (PD runs on it, as motor firmware would).
            var current = _sensorDelay.Delayed(0);
            _task.ActionMapping.ToTorques(applied, current.JointPositionRad, current.JointVelocityRadPerS, _torqueNm, _drawn.PdGainScale);
            BlendInSoftStart(tick, current);
            for (var j = 0; j < joints; j++)
            {
                _torqueNm[j] *= _drawn.MotorStrengthScale[j];
                ctrl[_binding.ActuatorId[j]] = _torqueNm[j];
            }
            _pushes.Update(_data.TimeS, _robotMassKg, _random);
            xfrc[baseForce] = _pushes.ForceXN;
            xfrc[baseForce + 1] = _pushes.ForceYN;
            if (_trackFootSlip && tick == _task.Decimation - 1) RecordFootPositions(_footPreviousXyM);
            _data.Step();
            RecordSensors();
            TrackFeet();
        }
        _step++;
        ResampleCommandIfDue();

        var trueFrame = _sensorDelay.Delayed(0);
        var qpos = _data.Qpos;
        var orientation = BaseOrientation();
        var attitude = orientation.ToRollPitchYaw();
        var heightM = qpos[_binding.BaseQposAdr + 2];
        var safety = _task.Robot.Safety;
        terminated = !(Math.Abs(attitude.RollRad) <= safety.FallRollRad && Math.Abs(attitude.PitchRad) <= safety.FallPitchRad
            && heightM >= safety.MinBaseHeightM);
        truncated = !terminated && _step >= _task.EpisodeSteps;

        var (forward, lateral, yawRate) = BaseVelocityInHeadingFrame(orientation, attitude.YawRad);
        var collisions = _contacts?.Classify(_data, _footOnGround) ?? 0;
        if (_trackFootSlip) FootVelocities();
        var input = new RewardInput
        {
            RollRad = attitude.RollRad,
            PitchRad = attitude.PitchRad,
            BaseHeightM = heightM,
            BaseVelocityXMPerS = forward,
            BaseVelocityYMPerS = lateral,
            YawRateRadPerS = yawRate,
            Command = _command,
            JointPositionRad = trueFrame.JointPositionRad,
            JointVelocityRadPerS = trueFrame.JointVelocityRadPerS,
            PreviousJointVelocityRadPerS = _previousJointVelocity,
            TorqueNm = _torqueNm,
            Action = _action,
            PreviousAction = _lastAction,
            FootTouchdownAirTimeS = _footTouchdownAirTimeS,
            FootOnGround = _footOnGround,
            FootVelocityXyMPerS = _footVelocityXyMPerS,
            CollisionCount = collisions,
            Terminated = terminated,
        };
        var reward = _task.Rewards.Compute(input, _rewardTerms);

        trueFrame.JointVelocityRadPerS.CopyTo(_previousJointVelocity, 0);
        _action.CopyTo(_lastAction, 0);
        BuildObservations(observation, criticObservation, forward, lateral);
        return reward;
    }

    public void Dispose()
    {
        _data.Dispose();
        _model.Dispose();
    }

    /// <summary>The true base state now (what evaluation and rewards measure, not what the policy sees).</summary>
    public BaseState State()
    {
        var orientation = BaseOrientation();
        var attitude = orientation.ToRollPitchYaw();
        var (forward, lateral, yawRate) = BaseVelocityInHeadingFrame(orientation, attitude.YawRad);
        return new BaseState(attitude.RollRad, attitude.PitchRad, _data.Qpos[_binding.BaseQposAdr + 2], forward, lateral, yawRate,
            _data.Qpos[_binding.BaseQposAdr], _data.Qpos[_binding.BaseQposAdr + 1]);
    }

    /// <summary>The daemon's hand-over at the start of the episode: the policy's torques blend in with the default-pose hold.</summary>
    private void BlendInSoftStart(int tick, SensorFrame current)
    {
        var secondsSinceStart = ((_step * _task.Decimation) + tick) * _task.Robot.LoopPeriodS;
        var weight = SoftStart.Weight(secondsSinceStart, _task.Robot.Safety.SoftStartS);
        if (weight >= 1) return;
        _task.ActionMapping.PdTowards(_task.DefaultPoseRad, _task.StandKpNmPerRad, _task.StandKdNmSPerRad,
            current.JointPositionRad, current.JointVelocityRadPerS, _holdTorqueNm);
        SoftStart.Blend(_torqueNm, _holdTorqueNm, weight);
    }

    private Quat BaseOrientation() => Quat.FromSpan(_data.Qpos.Slice(_binding.BaseQposAdr + 3, 4)).Normalized();

    private (double Forward, double Lateral, double YawRate) BaseVelocityInHeadingFrame(Quat orientation, double yawRad)
    {
        var qvel = _data.Qvel;
        var vx = qvel[_binding.BaseDofAdr];
        var vy = qvel[_binding.BaseDofAdr + 1];
        var (sin, cos) = Math.SinCos(yawRad);
        // The free joint's angular velocity is in the body frame; its world z component is the yaw rate.
        var omegaWorld = orientation.Rotate(new Vec3(qvel[_binding.BaseDofAdr + 3], qvel[_binding.BaseDofAdr + 4],
            qvel[_binding.BaseDofAdr + 5]));
        return ((cos * vx) + (sin * vy), (-sin * vx) + (cos * vy), omegaWorld.Z);
    }

    private void RecordSensors()
    {
        SimulatedSensors.Read(_binding, _data, _torqueNm, (long)(_data.TimeS * 1e9), _sensorDelay.NextSlot);
        _sensorDelay.Commit();
    }

    private void TrackFeet()
    {
        var sensors = _data.Sensordata;
        var dt = _model.TimestepS;
        for (var foot = 0; foot < _footInContact.Length; foot++)
        {
            var contact = sensors[_binding.FootTouchAdr[foot]] > 0;
            if (contact && !_footInContact[foot])
            {
                _footTouchdownAirTimeS[foot] = _footAirTimeS[foot];
                _footAirTimeS[foot] = 0;
            }
            else if (!contact)
            {
                _footAirTimeS[foot] += dt;
            }
            _footInContact[foot] = contact;
        }
    }

    private void RecordFootPositions(Span<double> xyM)
    {
        var xpos = _data.Xpos;
        var bodies = _contacts!.FootBodyIds;
        for (var foot = 0; foot < bodies.Length; foot++)
        {
            xyM[2 * foot] = xpos[3 * bodies[foot]];
            xyM[(2 * foot) + 1] = xpos[(3 * bodies[foot]) + 1];
        }
    }

    /// <summary>
    /// Foot body velocity over the step's last physics tick, by finite difference (the bindings do not
    /// expose mj_objectVelocity). Xpos and the contacts after a Step are both of the
    /// state at the start of that tick, so velocity and ground contact describe the same moment.
    /// </summary>
    private void FootVelocities()
    {
        RecordFootPositions(_footVelocityXyMPerS);
        var dt = _model.TimestepS;
        for (var i = 0; i < _footVelocityXyMPerS.Length; i++)
            _footVelocityXyMPerS[i] = (_footVelocityXyMPerS[i] - _footPreviousXyM[i]) / dt;
    }

    private void ResampleCommandIfDue()
    {
        if (EpisodeTimeS < _nextCommandResampleS) return;
        _task.Task.Commands.Sample(_random, _command, _commandRangeFraction);
        _nextCommandResampleS += _task.Task.Commands.ResampleIntervalS;
    }

    /// <param name="forwardMPerS">Base velocity along the heading, already computed by the caller for the reward.</param>
    /// <param name="lateralMPerS">Base velocity to the left of the heading.</param>
    private void BuildObservations(Span<float> observation, Span<float> criticObservation, double forwardMPerS, double lateralMPerS)
    {
        var phase = 2 * Math.PI * EpisodeTimeS / _task.Task.Environment.PhasePeriodS;
        var noise = _task.Task.Randomization.ObservationNoise ? _random : null;
        var delayed = _sensorDelay.Delayed(_drawn.ObservationDelayTicks);
        _actorBuilder.Build(new ObservationInput(delayed, _lastAction, _command, phase), observation, noise);

        var actorSize = _task.Layout.Size;
        _criticBuilder.Build(new ObservationInput(_sensorDelay.Delayed(0), _lastAction, _command, phase), criticObservation[..actorSize]);
        var privileged = criticObservation[_task.CriticBaseVelocityIndex..];
        var qvel = _data.Qvel;
        privileged[0] = (float)forwardMPerS;
        privileged[1] = (float)lateralMPerS;
        privileged[2] = (float)qvel[_binding.BaseDofAdr + 2];
        privileged[3] = (float)_data.Qpos[_binding.BaseQposAdr + 2];
        privileged[4] = (float)_drawn.Friction;
        privileged[5] = (float)_drawn.PayloadKg;
        privileged[6] = (float)_drawn.TotalMassScale;
        privileged[7] = (float)(_pushes.ForceXN * PushForceObservationScale);
        privileged[8] = (float)(_pushes.ForceYN * PushForceObservationScale);
        var joints = _task.JointCount;
        for (var j = 0; j < joints; j++) privileged[9 + j] = (float)_drawn.MotorStrengthScale[j];
        var sensors = _data.Sensordata;
        for (var foot = 0; foot < _task.FootCount; foot++)
            privileged[9 + joints + foot] = sensors[_binding.FootTouchAdr[foot]] > 0 ? 1f : 0f;
    }
}
