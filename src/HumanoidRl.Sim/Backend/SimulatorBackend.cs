using HumanoidRl.Core.Backends;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Sensing;
using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Shared;
using HumanoidRl.Sim.Environment;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Backend;

/// <summary>
/// The MuJoCo humanoid behind the control loop's backend interface: Read returns what the robot's sensors
/// would, Write applies the torques and advances the physics by one loop period. Until the motors first push
/// (Passive, EStop, Damping at rest) the robot hangs still, as a real one does in its gantry during start-up,
/// and while torque is off it is held again; optional random pushes test the policy. Paced by the loop, so it
/// runs in real time or as fast as the loop asks.
/// </summary>
public sealed class SimulatorBackend : IRobotBackend
{
    private readonly RobotConfig _robot;
    private readonly RandomizationSpec _pushSpec;
    private readonly Random _random;
    private readonly double[] _appliedTorqueNm;
    private MjModel? _model;
    private MjData? _data;
    private HumanoidBinding? _binding;
    private PushScheduler? _pushes;
    private double _massKg;
    private bool _released;

    public SimulatorBackend(RobotConfig robot, RandomizationSpec? pushes = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(robot);
        _robot = robot;
        _pushSpec = pushes ?? new RandomizationSpec();
        _random = new Random(seed);
        _appliedTorqueNm = new double[robot.JointCount];
    }

    public string Name => "simulator";

    public bool IsSimulated => true;

    public int JointCount => _robot.JointCount;

    public double BaseHeightM => _data is null || _binding is null ? double.NaN : _data.Qpos[_binding.BaseQposAdr + 2];

    /// <summary>World position of the base (x, y, z), for tests and demos.</summary>
    public (double X, double Y, double Z) BasePositionM
    {
        get
        {
            var data = _data ?? throw new InvalidOperationException("the simulator is not configured");
            var adr = _binding!.BaseQposAdr;
            return (data.Qpos[adr], data.Qpos[adr + 1], data.Qpos[adr + 2]);
        }
    }

    /// <summary>Simulated time since Configure.</summary>
    public double SimulatedTimeS => _data?.TimeS ?? 0;

    public void Configure()
    {
        _model = MjModel.LoadXml(_robot.ModelPath);
        if (Math.Abs(_model.TimestepS - _robot.LoopPeriodS) > 1e-12)
            throw new InvalidDataException($"{_robot.SourcePath}: loop_period_ns {_robot.LoopPeriodNs} differs from the model timestep " +
                $"{_model.TimestepS} s");
        _binding = HumanoidBinding.Resolve(_robot, _model);
        _data = new MjData(_model);
        _data.ResetToKeyframe(_binding.StandKeyframeId);
        _data.Forward();
        _massKg = _model.TotalMassKg;
        _pushes = new PushScheduler(_pushSpec);
        _pushes.Reset(_random);
        // The first tick that releases the robot from its gantry (on entering Policy mode, when stand-up starts at the default
        // pose) would compile the stepping path in the loop: it runs here once, on a throwaway state and push schedule.
        using var scratch = new MjData(_model);
        var scratchRandom = new Random(0);
        var scratchPushes = new PushScheduler(_pushSpec);
        scratchPushes.Reset(scratchRandom);
        Step(scratch, scratchPushes, scratchRandom, new double[_robot.JointCount]);
    }

    public void Activate()
    {
    }

    public void Deactivate() => Array.Clear(_appliedTorqueNm);

    public bool Read(SensorFrame frame)
    {
        var data = _data ?? throw new InvalidOperationException("the simulator is not configured");
        SimulatedSensors.Read(_binding!, data, _appliedTorqueNm, Libc.MonotonicNowNs(), frame);
        return true;
    }

    public bool Write(ReadOnlySpan<double> torqueNm, bool torqueEnabled)
    {
        var data = _data ?? throw new InvalidOperationException("the simulator is not configured");
        var pushing = false;
        foreach (var tau in torqueNm) pushing |= tau != 0;
        if (!torqueEnabled || (!pushing && !_released))
        {
            // Until a motor first pushes, the robot hangs still in its gantry (as the virtual bus's robot does);
            // once released it stays on its own feet.
            Array.Clear(_appliedTorqueNm);
            return true;
        }
        _released = true;
        torqueNm.CopyTo(_appliedTorqueNm);
        Step(data, _pushes!, _random, torqueNm);
        return true;
    }

    /// <summary>Applies the torques and the push of the moment, and advances the physics by one loop period.</summary>
    private void Step(MjData data, PushScheduler pushes, Random random, ReadOnlySpan<double> torqueNm)
    {
        var ctrl = data.Ctrl;
        var binding = _binding!;
        for (var j = 0; j < torqueNm.Length; j++) ctrl[binding.ActuatorId[j]] = torqueNm[j];
        pushes.Update(data.TimeS, _massKg, random);
        var force = data.XfrcApplied;
        force[binding.BaseBodyId * 6] = pushes.ForceXN;
        force[(binding.BaseBodyId * 6) + 1] = pushes.ForceYN;
        data.Step();
    }

    public void Dispose()
    {
        _data?.Dispose();
        _model?.Dispose();
    }
}
