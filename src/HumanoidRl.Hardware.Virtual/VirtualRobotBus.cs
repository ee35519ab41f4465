using HumanoidRl.Core.Robot;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>The devices of a robot config (every joint's motor and the IMU) on virtual buses.</summary>
public static class VirtualRobotBus
{
    /// <summary>Every device on one bus: motors in policy joint order (plant joint i = joint i), then the IMU.</summary>
    public static VirtualBus Create(RobotConfig config, IVirtualPlant plant, VirtualPlantClock clock = VirtualPlantClock.WallClock)
    {
        ArgumentNullException.ThrowIfNull(config);
        List<VirtualDevice> devices = [.. CreateMotors(config)];
        devices.Add(new VirtualOpenCrImu((byte)config.Imu.DeviceId));
        return new VirtualBus(devices, plant, config.LoopPeriodS, clock);
    }

    /// <summary>
    /// One virtual bus per configured bus, in config order, as the robot is wired: each answers for the motors whose
    /// servo names it (and the IMU if it sits there). One <see cref="VirtualPlantDriver"/> steps the plant for all.
    /// </summary>
    /// <param name="time">Wall-clock source (default: the system's).</param>
    public static IReadOnlyList<NamedVirtualBus> CreatePerBus(RobotConfig config, IVirtualPlant plant,
        VirtualPlantClock clock = VirtualPlantClock.WallClock, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var motors = CreateMotors(config);
        var imu = new VirtualOpenCrImu((byte)config.Imu.DeviceId);
        var driver = new VirtualPlantDriver(plant, motors, [imu], config.LoopPeriodS, clock, time);
        return [.. config.Buses.Select(bus =>
        {
            List<VirtualDevice> devices = [.. motors.Where((_, joint) => config.Joints[joint].Servo.Bus == bus.Name)];
            if (config.Imu.Bus == bus.Name) devices.Add(imu);
            return new NamedVirtualBus(bus.Name, new VirtualBus(devices, driver));
        })];
    }

    private static VirtualMotor[] CreateMotors(RobotConfig config) =>
        [.. config.Joints.Select(joint => new VirtualMotor((byte)joint.Servo.MotorId, MotorModelCatalog.Get(joint.Motor)))];
}
