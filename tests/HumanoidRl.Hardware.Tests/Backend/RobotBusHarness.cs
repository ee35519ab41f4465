using HumanoidRl.Core.Robot;
using HumanoidRl.Hardware.Backend;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Virtual;

namespace HumanoidRl.Hardware.Tests.Backend;

/// <summary>
/// The humanoid16 robot emulated on pseudo-terminals, one virtual bus per configured bus so the backend reads
/// three ports in parallel: each bus with a first-order plant of its own motors, or all buses sharing one plant
/// (MuJoCo, as `sim serve-bus` runs it, or a test plant). <see cref="Options"/> points the config's buses at the
/// pseudo-terminals.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class RobotBusHarness : IDisposable
{
    public const int ReplyMarginMs = 300;

    private readonly List<VirtualBusServer> _servers = [];
    private readonly Dictionary<string, string> _ports = [];

    private RobotBusHarness(RobotConfig config) => Config = config;

    public RobotConfig Config { get; }

    /// <summary>Per configured bus name, its virtual bus.</summary>
    public Dictionary<string, HumanoidRl.Hardware.Virtual.VirtualBus> Buses { get; } = [];

    public MuJoCoRobotPlant? MuJoCo { get; private set; }

    public HardwareBackendOptions Options => new()
    {
        PortOverrides = _ports,
        TorqueConstantsNmPerA = TestRobot.TorqueConstants,
        ReplyTimeoutMarginMs = ReplyMarginMs,
    };

    /// <summary>One virtual bus per configured bus; <paramref name="replace"/> may swap or drop a joint's motor.</summary>
    public static RobotBusHarness PerBus(Func<JointConfig, VirtualMotor?>? replace = null)
    {
        var config = TestRobot.Config;
        var harness = new RobotBusHarness(config);
        foreach (var bus in config.Buses)
        {
            var joints = config.Joints.Where(joint => joint.Servo.Bus == bus.Name).ToArray();
            var motors = joints
                .Select(joint => replace is null ? DefaultMotor(joint) : replace(joint))
                .OfType<VirtualMotor>()
                .ToList();
            List<VirtualDevice> devices = [.. motors];
            if (config.Imu.Bus == bus.Name) devices.Add(new VirtualOpenCrImu((byte)config.Imu.DeviceId));
            var plant = motors.Count == 0
                ? null
                : new FirstOrderMotorPlant(motors.Count, torqueConstantNmPerA: 1.0, inertiaKgM2: 1e-3, dampingNmsPerRad: 0.05);
            harness.Serve(bus.Name, new HumanoidRl.Hardware.Virtual.VirtualBus(devices, plant), [bus.Name]);
        }
        return harness;
    }

    /// <summary>One virtual bus per configured bus, all driven by one plant, as `sim serve-bus` serves the robot.</summary>
    public static RobotBusHarness SharedPlant(
        IVirtualPlant plant, VirtualPlantClock clock = VirtualPlantClock.WallClock, TimeProvider? time = null)
    {
        var config = TestRobot.Config;
        var harness = new RobotBusHarness(config);
        foreach (var named in VirtualRobotBus.CreatePerBus(config, plant, clock, time))
            harness.Serve(named.BusName, named.Bus, [named.BusName]);
        return harness;
    }

    /// <summary>One virtual bus per configured bus, MuJoCo physics behind all of them in real time.</summary>
    public static RobotBusHarness MuJoCoPerBus()
    {
        var plant = new MuJoCoRobotPlant(TestRobot.Config, TestRobot.TorqueConstants);
        var harness = SharedPlant(plant);
        harness.MuJoCo = plant;
        return harness;
    }

    public VirtualMotor Motor(string jointName)
    {
        var joint = Config.Joints[Config.IndexOfJoint(jointName)];
        return Buses.Values.SelectMany(bus => bus.Devices).OfType<VirtualMotor>().Single(motor => motor.Id == joint.Servo.MotorId);
    }

    public HumanoidRl.Hardware.Virtual.VirtualBus BusOf(string jointName)
    {
        var joint = Config.Joints[Config.IndexOfJoint(jointName)];
        return Buses.Values.Single(bus => bus.Devices.Any(device => device.Id == joint.Servo.MotorId));
    }

    public void Dispose()
    {
        foreach (var server in _servers) server.Dispose();
        MuJoCo?.Dispose();
        foreach (var server in _servers) Assert.Null(server.Failure);
    }

    private static VirtualMotor DefaultMotor(JointConfig joint) => new((byte)joint.Servo.MotorId, MotorModelCatalog.Get(joint.Motor));

    private void Serve(string name, HumanoidRl.Hardware.Virtual.VirtualBus bus, string[] configuredBuses)
    {
        var server = VirtualBusServer.Start(bus);
        _servers.Add(server);
        Buses[name] = bus;
        foreach (var configured in configuredBuses) _ports[configured] = server.PortPath;
    }
}
