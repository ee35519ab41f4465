using HumanoidRl.Core.Robot;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Hardware.VirtualBus;

/// <summary>The devices of a robot config (every joint's motor and the IMU) on one virtual bus.</summary>
public static class VirtualRobotBus
{
    /// <summary>Motors in policy joint order (plant joint i = joint i), then the IMU.</summary>
    public static VirtualBus Create(RobotConfig config, IVirtualPlant plant, VirtualPlantClock clock = VirtualPlantClock.WallClock)
    {
        ArgumentNullException.ThrowIfNull(config);
        List<VirtualDevice> devices = [.. config.Joints.Select(joint => new VirtualMotor((byte)joint.Servo.MotorId, MotorModelCatalog.Get(joint.Motor)))];
        devices.Add(new VirtualOpenCrImu((byte)config.Imu.DeviceId));
        return new VirtualBus(devices, plant, config.LoopPeriodS, clock);
    }
}
