using HumanoidRl.Core.Geometry;
using HumanoidRl.Core.Robot;
using HumanoidRl.MuJoCo;

namespace HumanoidRl.Core.Tests.Robot;

/// <summary>The shipped robot config against the shipped MJCF, loaded through the MuJoCo bindings.</summary>
public sealed class RobotModelConsistencyTests : IDisposable
{
    private const int FreeJointQposCount = 7;
    private const int FreeJointDofCount = 6;

    private readonly RobotConfig _config = RobotConfigLoader.Load(RepositoryFiles.ShippedConfig);
    private readonly MjModel _model;

    public RobotModelConsistencyTests() => _model = MjModel.LoadXml(_config.ModelPath);

    public void Dispose() => _model.Dispose();

    [Fact]
    public void Every_config_joint_is_a_limited_hinge_in_the_model_with_the_same_range_and_qpos_order()
    {
        Assert.Equal(FreeJointQposCount + _config.JointCount, _model.Nq);
        for (var i = 0; i < _config.JointCount; i++)
        {
            var joint = _config.Joints[i];
            var id = _model.IdOf(MjObject.Joint, joint.MjcfJoint);
            Assert.Equal((int)MjJointType.Hinge, _model.JntType[id]);
            Assert.Equal(1, _model.JntLimited[id]);
            Assert.Equal(FreeJointQposCount + i, _model.JntQposAdr[id]);
            Assert.Equal(FreeJointDofCount + i, _model.JntDofAdr[id]);
            Assert.Equal((joint.LowerLimitRad, joint.UpperLimitRad), (_model.JntRange[2 * id], _model.JntRange[2 * id + 1]));
        }
    }

    [Fact]
    public void Actuators_follow_policy_order_with_unit_gear_and_ctrlrange_equal_to_the_torque_limits()
    {
        Assert.Equal(_config.JointCount, _model.Nu);
        for (var i = 0; i < _config.JointCount; i++)
        {
            var joint = _config.Joints[i];
            Assert.Equal(joint.Name, _model.NameOf(MjObject.Actuator, i));
            Assert.Equal(_model.IdOf(MjObject.Joint, joint.MjcfJoint), _model.ActuatorTrnid[2 * i]);
            Assert.Equal(1.0, _model.ActuatorGear[6 * i]);
            Assert.Equal((-joint.TorqueLimitNm, joint.TorqueLimitNm),
                (_model.ActuatorCtrlrange[2 * i], _model.ActuatorCtrlrange[2 * i + 1]));
        }
    }

    [Fact]
    public void Stand_keyframe_is_the_config_default_pose()
    {
        var key = _model.IdOf(MjObject.Key, _config.Base.StandKeyframe);
        var qpos = _model.KeyQpos.Slice(key * _model.Nq, _model.Nq);
        for (var i = 0; i < _config.JointCount; i++)
        {
            Assert.Equal(_config.Joints[i].DefaultAngleRad, qpos[FreeJointQposCount + i]);
        }
        Assert.Equal(Quat.Identity, Quat.FromSpan(qpos[3..7]));
    }

    [Fact]
    public void Base_body_free_joint_site_and_sensors_named_in_the_config_exist_with_the_right_types()
    {
        var freeJoint = _model.IdOf(MjObject.Joint, _config.Base.FreeJoint);
        Assert.Equal((int)MjJointType.Free, _model.JntType[freeJoint]);
        Assert.Equal(0, _model.JntQposAdr[freeJoint]);
        Assert.True(_model.TryIdOf(MjObject.Body, _config.Base.Body, out _));
        Assert.True(_model.TryIdOf(MjObject.Site, _config.Base.ImuSite, out _));

        AssertSensor(_config.Base.GyroSensor, MjSensorType.Gyro, 3);
        AssertSensor(_config.Base.AccelerometerSensor, MjSensorType.Accelerometer, 3);
        AssertSensor(_config.Base.OrientationSensor, MjSensorType.FrameQuat, 4);
        Assert.Equal(2, _config.Base.FootTouchSensors.Length);
        foreach (var touch in _config.Base.FootTouchSensors) AssertSensor(touch, MjSensorType.Touch, 1);
    }

    private void AssertSensor(string name, MjSensorType type, int dimension)
    {
        var id = _model.IdOf(MjObject.Sensor, name);
        Assert.Equal((int)type, _model.SensorType[id]);
        Assert.Equal(dimension, _model.SensorDim[id]);
    }

    [Fact]
    public void Model_timestep_equals_the_loop_period()
    {
        Assert.Equal(_config.LoopPeriodS, _model.TimestepS, precision: 12);
    }

    [Fact]
    public void Total_mass_is_that_of_a_one_metre_servo_humanoid()
    {
        Assert.InRange(_model.TotalMassKg, 15.0, 25.0);
        // Every link carries mass: no massless body that would make the dynamics ill-conditioned.
        for (var body = 1; body < _model.Nbody; body++)
            Assert.True(_model.BodyMass[body] > 0.1, $"body {_model.NameOf(MjObject.Body, body)} weighs {_model.BodyMass[body]} kg");
    }

    [Fact]
    public void Every_joint_has_reflected_rotor_inertia_and_damping()
    {
        for (var dof = FreeJointDofCount; dof < _model.Nv; dof++)
        {
            Assert.InRange(_model.DofArmature[dof], 0.005, 0.05);
            Assert.True(_model.DofDamping[dof] > 0);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pd_control_at_the_config_gains_holds_the_stand_keyframe_upright(bool standGains)
    {
        using var data = new MjData(_model);
        var (minHeightM, maxTiltRad) = Simulate(data, holdPose: true, standGains, seconds: 4);

        Assert.True(minHeightM > 0.6, $"base sank to {minHeightM} m");
        Assert.True(maxTiltRad < 0.15, $"base tilted {maxTiltRad} rad");
    }

    [Fact]
    public void Without_torque_the_robot_falls_past_the_safety_thresholds()
    {
        using var data = new MjData(_model);
        var (minHeightM, maxTiltRad) = Simulate(data, holdPose: false, standGains: true, seconds: 2);

        Assert.True(minHeightM < _config.Safety.MinBaseHeightM || maxTiltRad > _config.Safety.FallPitchRad,
            $"still standing after 2 s without torque: height {minHeightM} m, tilt {maxTiltRad} rad");
    }

    /// <summary>Steps from the stand keyframe under joint PD (tau clipped to the torque limits) or zero torque.</summary>
    private (double MinHeightM, double MaxTiltRad) Simulate(MjData data, bool holdPose, bool standGains, double seconds)
    {
        data.ResetToKeyframe(_config.Base.StandKeyframe);
        var minHeight = double.MaxValue;
        var maxTilt = 0.0;
        var steps = (int)System.Math.Round(seconds / _model.TimestepS);
        for (var step = 0; step < steps; step++)
        {
            for (var i = 0; i < _config.JointCount; i++)
            {
                var joint = _config.Joints[i];
                var gains = standGains ? joint.StandGains : joint.ActionGains;
                var torque = gains.KpNmPerRad * (joint.DefaultAngleRad - data.Qpos[FreeJointQposCount + i])
                    - gains.KdNmSPerRad * data.Qvel[FreeJointDofCount + i];
                data.Ctrl[i] = holdPose ? System.Math.Clamp(torque, -joint.TorqueLimitNm, joint.TorqueLimitNm) : 0;
            }
            data.Step();
            var attitude = Quat.FromSpan(data.Qpos[3..7]).ToRollPitchYaw();
            maxTilt = System.Math.Max(maxTilt, System.Math.Max(System.Math.Abs(attitude.RollRad), System.Math.Abs(attitude.PitchRad)));
            minHeight = System.Math.Min(minHeight, data.Qpos[2]);
        }
        return (minHeight, maxTilt);
    }
}
