using System.Numerics;
using HumanoidRl.Core.Geometry;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Sensing;
using HumanoidRl.Hardware.Imu;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// The whole robot in MuJoCo behind the virtual bus: plant joint i is policy joint i of the robot config. Motor
/// current becomes joint torque through the joint's torque constant and servo direction, MuJoCo integrates the
/// model (from the stand keyframe), and the joint state goes back as servo angle
/// (<c>direction * joint angle + zero offset</c>), velocity and current; the IMU reports the model's imu
/// sensors, turned into the IMU's own axes by the config's axis_map. Time advances in whole model timesteps.
/// </summary>
public sealed class MuJoCoRobotPlant : IVirtualPlant, IDisposable
{
    private readonly MjModel _model;
    private readonly MjData _data;
    private readonly HumanoidBinding _binding;
    private readonly JointWiring[] _joints;
    private readonly ImuMounting _mounting;
    private readonly SensorFrame _frame;
    private readonly double[] _appliedTorqueNm;
    private readonly double[] _currentA;
    private readonly double _timestepS;
    private double _pendingS;

    /// <param name="torqueConstantsNmPerA">Per motor model, for models the catalog has no constant for (see
    /// <see cref="TorqueConstants"/>).</param>
    public MuJoCoRobotPlant(RobotConfig config, IReadOnlyDictionary<string, double>? torqueConstantsNmPerA = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _joints = JointWiring.FromConfig(config, TorqueConstants.Resolve(config, torqueConstantsNmPerA));
        _mounting = new ImuMounting(config.Imu.AxisMap, config.SourcePath);
        _model = MjModel.LoadXml(config.ModelPath);
        try
        {
            _data = new MjData(_model);
            _binding = HumanoidBinding.Resolve(config, _model);
        }
        catch
        {
            _data?.Dispose();
            _model.Dispose();
            throw;
        }
        _timestepS = _model.TimestepS;
        _frame = new SensorFrame(config.JointCount);
        _appliedTorqueNm = new double[config.JointCount];
        _currentA = new double[config.JointCount];
        Reset();
    }

    public int JointCount => _joints.Length;

    public ImuReading Imu { get; private set; }

    /// <summary>Simulated time since the last reset.</summary>
    public double TimeS => _data.TimeS;

    /// <summary>Height of the base body above the world origin (m): tells standing from fallen.</summary>
    public double BaseHeightM => _data.Qpos[_binding.BaseQposAdr + 2];

    /// <summary>Joint angle in the model's (policy) convention, for checks against what the driver reports.</summary>
    public double JointAngleRad(int joint) => _frame.JointPositionRad[joint];

    /// <summary>Back to the stand keyframe, at rest, no torque.</summary>
    public void Reset()
    {
        _data.ResetToKeyframe(_binding.StandKeyframeId);
        _data.Forward();
        Array.Clear(_appliedTorqueNm);
        Array.Clear(_currentA);
        _pendingS = 0;
        Capture();
    }

    public void Advance(ReadOnlySpan<double> motorCurrentA, double durationS)
    {
        if (motorCurrentA.Length != JointCount)
        {
            throw new ArgumentException($"expected {JointCount} motor currents, got {motorCurrentA.Length}", nameof(motorCurrentA));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(durationS);
        var ctrl = _data.Ctrl;
        for (var joint = 0; joint < JointCount; joint++)
        {
            var calibration = _joints[joint].Calibration;
            _currentA[joint] = motorCurrentA[joint];
            _appliedTorqueNm[joint] = calibration.Direction * motorCurrentA[joint] * calibration.TorqueConstantNmPerA;
            ctrl[_binding.ActuatorId[joint]] = _appliedTorqueNm[joint];
        }
        _pendingS += durationS;
        if (_pendingS < _timestepS) return;
        while (_pendingS >= _timestepS)
        {
            _data.Step();
            _pendingS -= _timestepS;
        }
        Capture();
    }

    public double PositionRad(int joint)
    {
        var servo = _joints[joint].Calibration;
        return (servo.Direction * _frame.JointPositionRad[joint]) +
            ((servo.ZeroOffsetCounts - servo.Model.PositionCenterCounts) * MotorUnits.RadPerCount(servo.Model));
    }

    public double VelocityRadPerS(int joint) => _joints[joint].Calibration.Direction * _frame.JointVelocityRadPerS[joint];

    public double CurrentA(int joint) => _currentA[joint];

    public void Dispose()
    {
        _data.Dispose();
        _model.Dispose();
    }

    private void Capture()
    {
        SimulatedSensors.Read(_binding, _data, _appliedTorqueNm, 0, _frame);
        var worldFromImu = _mounting.ImuOrientation(Quat.FromSpan(_frame.ImuQuaternion).Normalized());
        var rpy = worldFromImu.ToRollPitchYaw();
        Imu = new ImuReading(
            ToVector(_mounting.ToImu(Vec3.FromSpan(_frame.GyroRadPerS))),
            ToVector(_mounting.ToImu(Vec3.FromSpan(_frame.AccelMPerS2))),
            new Vector3((float)rpy.RollRad, (float)rpy.PitchRad, (float)rpy.YawRad));
    }

    private static Vector3 ToVector(Vec3 value) => new((float)value.X, (float)value.Y, (float)value.Z);
}
