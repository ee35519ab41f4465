using HumanoidRl.Core.Robot;
using HumanoidRl.MuJoCo;

namespace HumanoidRl.Sim.Robot;

/// <summary>
/// Where each thing the robot config names lives in the compiled MuJoCo model: per policy joint its qpos and
/// dof address and its actuator, the base body and free joint, the IMU sensors and the feet. Resolved once;
/// every mismatch between config and model is reported together, naming the config and the model file.
/// </summary>
public sealed class HumanoidBinding
{
    private HumanoidBinding(RobotConfig config, int[] jointQposAdr, int[] jointDofAdr, int[] actuatorId)
    {
        Config = config;
        JointQposAdr = jointQposAdr;
        JointDofAdr = jointDofAdr;
        ActuatorId = actuatorId;
    }

    public RobotConfig Config { get; }

    public int[] JointQposAdr { get; }

    public int[] JointDofAdr { get; }

    /// <summary>Actuator driving each policy joint.</summary>
    public int[] ActuatorId { get; }

    public int BaseBodyId { get; private init; }

    /// <summary>qpos address of the free joint: position (3) then quaternion (4).</summary>
    public int BaseQposAdr { get; private init; }

    /// <summary>qvel address of the free joint: linear velocity (3, world) then angular velocity (3, body).</summary>
    public int BaseDofAdr { get; private init; }

    public int GyroAdr { get; private init; }

    public int AccelerometerAdr { get; private init; }

    public int OrientationAdr { get; private init; }

    public int[] FootTouchAdr { get; private init; } = [];

    public int StandKeyframeId { get; private init; }

    public static HumanoidBinding Resolve(RobotConfig config, MjModel model)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<string>();
        int Id(MjObject type, string name, string field)
        {
            if (model.TryIdOf(type, name, out var id)) return id;
            problems.Add($"{field}: {type.ToString().ToLowerInvariant()} '{name}' is not in the model");
            return -1;
        }

        var joints = config.JointCount;
        var qposAdr = new int[joints];
        var dofAdr = new int[joints];
        var actuatorOfJoint = new int[joints];
        var actuatorTarget = model.ActuatorTrnid;
        for (var j = 0; j < joints; j++)
        {
            var joint = config.Joints[j];
            var jointId = Id(MjObject.Joint, joint.MjcfJoint, $"joints[{j}].mjcf_joint");
            if (jointId < 0) continue;
            if (model.JntType[jointId] != (int)MjJointType.Hinge)
                problems.Add($"joints[{j}].mjcf_joint: '{joint.MjcfJoint}' is not a hinge joint");
            qposAdr[j] = model.JntQposAdr[jointId];
            dofAdr[j] = model.JntDofAdr[jointId];
            actuatorOfJoint[j] = -1;
            for (var a = 0; a < model.Nu; a++)
            {
                if (actuatorTarget[2 * a] == jointId) actuatorOfJoint[j] = a;
            }
            if (actuatorOfJoint[j] < 0) problems.Add($"joints[{j}]: no actuator drives joint '{joint.MjcfJoint}'");
        }

        var names = config.Base;
        var freeJoint = Id(MjObject.Joint, names.FreeJoint, "base.free_joint");
        var binding = new HumanoidBinding(config, qposAdr, dofAdr, actuatorOfJoint)
        {
            BaseBodyId = Id(MjObject.Body, names.Body, "base.body"),
            BaseQposAdr = freeJoint < 0 ? 0 : model.JntQposAdr[freeJoint],
            BaseDofAdr = freeJoint < 0 ? 0 : model.JntDofAdr[freeJoint],
            GyroAdr = SensorAdr(model, Id(MjObject.Sensor, names.GyroSensor, "base.gyro_sensor")),
            AccelerometerAdr = SensorAdr(model, Id(MjObject.Sensor, names.AccelerometerSensor, "base.accelerometer_sensor")),
            OrientationAdr = SensorAdr(model, Id(MjObject.Sensor, names.OrientationSensor, "base.orientation_sensor")),
            FootTouchAdr = [.. names.FootTouchSensors.Select((name, i) =>
                SensorAdr(model, Id(MjObject.Sensor, name, $"base.foot_touch_sensors[{i}]")))],
            StandKeyframeId = Id(MjObject.Key, names.StandKeyframe, "base.stand_keyframe"),
        };
        if (freeJoint >= 0 && model.JntType[freeJoint] != (int)MjJointType.Free)
            problems.Add($"base.free_joint: '{names.FreeJoint}' is not a free joint");
        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"{config.SourcePath}: does not match the model {model.SourcePath}:{System.Environment.NewLine}  " +
                $"{string.Join($"{System.Environment.NewLine}  ", problems)}");
        }
        return binding;
    }

    private static int SensorAdr(MjModel model, int sensorId) => sensorId < 0 ? 0 : model.SensorAdr[sensorId];
}
