using HumanoidRl.Core.Sensing;
using HumanoidRl.Hardware.Backend;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Virtual;

namespace HumanoidRl.Hardware.Tests.Backend;

/// <summary>The serial backend against the emulated humanoid16 on three pseudo-terminals (one per configured bus).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DynamixelHardwareBackendTests
{
    [Fact]
    public void Configure_sets_return_delay_zero_and_current_mode_then_activate_and_deactivate_switch_torque()
    {
        using var harness = RobotBusHarness.PerBus();
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);

        backend.Configure();
        var motors = harness.Buses.Values.SelectMany(bus => bus.Devices).OfType<VirtualMotor>().ToArray();
        Assert.Equal(16, motors.Length);
        Assert.All(motors, motor =>
        {
            Assert.Equal(0, motor.ReturnDelayTime);
            Assert.Equal(0, motor.OperatingMode);
            Assert.False(motor.TorqueEnabled);
        });

        backend.Activate();
        Assert.All(motors, motor => Assert.True(motor.TorqueEnabled));
        Assert.All(motors, motor => Assert.Equal(5, motor.BusWatchdog)); // 100 ms in 20 ms units

        backend.Deactivate();
        // Torque off is a Sync Write without reply: the next read makes sure the emulator has handled it.
        Assert.True(backend.Read(new SensorFrame(backend.JointCount)));
        Assert.All(motors, motor => Assert.False(motor.TorqueEnabled));
    }

    [Fact]
    public void Torque_commands_move_every_joint_in_the_commanded_direction_through_mirrored_servos_on_three_ports()
    {
        using var harness = RobotBusHarness.PerBus();
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);
        backend.Configure();
        backend.Activate();
        var frame = new SensorFrame(backend.JointCount);
        var torque = new double[backend.JointCount];
        for (var joint = 0; joint < torque.Length; joint++) torque[joint] = joint % 2 == 0 ? 1.0 : -1.0;

        for (var cycle = 0; cycle < 50; cycle++)
        {
            Assert.True(backend.Write(torque, torqueEnabled: true));
            Assert.True(backend.Read(frame));
        }

        for (var joint = 0; joint < torque.Length; joint++)
        {
            var name = harness.Config.Joints[joint].Name;
            Assert.True(
                Math.Sign(frame.JointPositionRad[joint]) == Math.Sign(torque[joint]),
                $"{name}: angle {frame.JointPositionRad[joint]} for torque {torque[joint]}");
            Assert.True(
                Math.Sign(frame.JointVelocityRadPerS[joint]) == Math.Sign(torque[joint]),
                $"{name}: velocity {frame.JointVelocityRadPerS[joint]}");
            Assert.Equal(torque[joint], frame.JointTorqueNm[joint], 0.02);
        }
        Assert.Equal(0, backend.FailedReads);
        Assert.All(Enumerable.Range(0, backend.JointCount), joint => Assert.Equal(0, backend.CountersOf(joint).Timeouts));
    }

    [Fact]
    public void Write_with_torque_disabled_commands_zero_current_whatever_the_torques()
    {
        using var harness = RobotBusHarness.PerBus();
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);
        backend.Configure();
        backend.Activate();
        var frame = new SensorFrame(backend.JointCount);
        var torque = Enumerable.Repeat(1.0, backend.JointCount).ToArray();

        Assert.True(backend.Write(torque, torqueEnabled: false));
        Assert.True(backend.Read(frame));

        Assert.All(frame.JointTorqueNm, measured => Assert.Equal(0, measured));
        Assert.Equal(0, harness.Motor("left_knee").CommandedCurrentA);
    }

    [Fact]
    public void Imu_registers_arrive_as_an_upright_still_body()
    {
        using var harness = RobotBusHarness.PerBus();
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);
        backend.Configure();
        var frame = new SensorFrame(backend.JointCount);

        Assert.True(backend.Read(frame));

        Assert.Equal([1.0, 0, 0, 0], frame.ImuQuaternion);
        Assert.Equal(9.80665, frame.AccelMPerS2[2], 0.01);
        Assert.Equal([0.0, 0, 0], frame.GyroRadPerS);
    }

    [Fact]
    public void Missing_motor_fails_configure_naming_the_joint_bus_and_id()
    {
        using var harness = RobotBusHarness.PerBus(joint => joint.Name == "left_knee"
            ? null
            : new VirtualMotor((byte)joint.Servo.MotorId, MotorModelCatalog.Get(joint.Motor)));
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);

        var error = Assert.Throws<HardwareConfigurationException>(backend.Configure);

        Assert.Contains("joint left_knee (bus leg_left on ", error.Message, StringComparison.Ordinal);
        Assert.Contains("ID 4): no answer to Ping", error.Message, StringComparison.Ordinal);
        Assert.Contains("humanoid16.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_motor_model_fails_configure_naming_both_models()
    {
        using var harness = RobotBusHarness.PerBus(joint => new VirtualMotor((byte)joint.Servo.MotorId,
            joint.Name == "left_shoulder_pitch" ? MotorModelCatalog.XM430W350 : MotorModelCatalog.Get(joint.Motor)));
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);

        var error = Assert.Throws<HardwareConfigurationException>(backend.Configure);

        Assert.Contains("joint left_shoulder_pitch (bus arms on ", error.Message, StringComparison.Ordinal);
        Assert.Contains("answers as model 1020 (XM430-W350), the config says XH540-W270 (1110)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Torque_constants_come_from_the_robot_config_unless_a_model_is_overridden()
    {
        var config = TestRobot.Config;
        var knee = config.IndexOfJoint("left_knee");
        var elbow = config.IndexOfJoint("left_elbow");

        var fromConfig = TorqueConstants.Resolve(config, null);
        var overridden = TorqueConstants.Resolve(config, new Dictionary<string, double> { ["PH54-200-S500"] = 5.5 });

        Assert.Equal(config.Motors.Single(m => m.Model == "PH54-200-S500").TorqueConstantNmPerA, fromConfig[knee]);
        Assert.Equal(5.5, overridden[knee]);
        Assert.Equal(fromConfig[elbow], overridden[elbow]);
    }

    [Fact]
    public void A_non_positive_torque_constant_override_fails_configure_naming_the_model()
    {
        var options = new HardwareBackendOptions
        {
            PortOverrides = new Dictionary<string, string>(),
            TorqueConstantsNmPerA = new Dictionary<string, double> { ["PH54-200-S500"] = -1 },
        };
        using var backend = new DynamixelHardwareBackend(TestRobot.Config, options);

        var error = Assert.Throws<HardwareConfigurationException>(backend.Configure);

        Assert.Contains("torque constant of PH54-200-S500 must be > 0 N m/A", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_and_write_cycles_over_three_ptys_allocate_nothing_on_the_loop_thread_after_warm_up()
    {
        using var harness = RobotBusHarness.PerBus();
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);
        backend.Configure();
        backend.Activate();
        var frame = new SensorFrame(backend.JointCount);
        var torque = new double[backend.JointCount];

        int Cycle(int cycle)
        {
            for (var joint = 0; joint < torque.Length; joint++) torque[joint] = 0.1 * ((cycle % 20) - 10);
            return (backend.Write(torque, true) ? 1 : 0) + (backend.Read(frame) ? 1 : 0);
        }
        for (var cycle = 0; cycle < 200; cycle++) Cycle(cycle);

        var good = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var cycle = 0; cycle < 300; cycle++) good += Cycle(cycle);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(600, good);
    }
}
