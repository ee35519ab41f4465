using HumanoidRl.Core.Robot;

namespace HumanoidRl.Hardware.Motors;

/// <summary>A configured joint as the driver needs it: where its motor is and how its units map.</summary>
public sealed record JointWiring(
    int JointIndex,
    string JointName,
    BusConfig Bus,
    byte MotorId,
    MotorModel Model,
    JointCalibration Calibration,
    double TorqueLimitNm)
{
    /// <summary>"left_knee (bus leg_left on /dev/ttyUSB0, ID 4)", for messages.</summary>
    public string Describe() => $"joint {JointName} (bus {Bus.Name} on {Bus.Port}, ID {MotorId})";

    /// <summary>Every joint of the config, with servo angle 0 at the model's horn centre.</summary>
    public static JointWiring[] FromConfig(RobotConfig config, IReadOnlyList<double> torqueConstantsNmPerA)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(torqueConstantsNmPerA);
        var wiring = new JointWiring[config.JointCount];
        for (var index = 0; index < config.JointCount; index++)
        {
            var joint = config.Joints[index];
            var bus = config.Buses.FirstOrDefault(candidate => candidate.Name == joint.Servo.Bus)
                ?? throw new ArgumentException(
                    $"{config.SourcePath}: joints[{index}] {joint.Name}: servo.bus '{joint.Servo.Bus}' is not in buses");
            var model = MotorModelCatalog.Get(joint.Motor);
            if (joint.Servo.MotorId is < 0 or > Dynamixel.Protocol.PacketLayout.MaxDeviceId)
            {
                throw new ArgumentException(
                    $"{config.SourcePath}: joints[{index}] {joint.Name}: servo.id {joint.Servo.MotorId} is outside 0..252");
            }
            var zeroOffsetCounts = model.PositionCenterCounts + MotorUnits.RadToCounts(model, joint.Servo.ZeroOffsetRad);
            var calibration = new JointCalibration(model, joint.Servo.Direction, zeroOffsetCounts, torqueConstantsNmPerA[index]);
            wiring[index] = new JointWiring(index, joint.Name, bus, (byte)joint.Servo.MotorId, model, calibration, joint.TorqueLimitNm);
        }
        return wiring;
    }
}
