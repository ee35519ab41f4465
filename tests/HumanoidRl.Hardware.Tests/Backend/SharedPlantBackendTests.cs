using HumanoidRl.Core.Sensing;
using HumanoidRl.Hardware.Backend;
using HumanoidRl.Hardware.Virtual;
using HumanoidRl.Hardware.Virtual.Tests;

namespace HumanoidRl.Hardware.Tests.Backend;

/// <summary>
/// The serial backend against the robot as `sim serve-bus` serves it: one pseudo-terminal per configured bus, each
/// answering for its own motors, all on one plant (a recording plant and a manual clock, so plant time is exact).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SharedPlantBackendTests
{
    [Fact]
    public void Backend_finds_every_motor_on_the_port_of_its_own_bus_and_reads_all_three_ports()
    {
        var plant = new RecordingPlant(TestRobot.Config.JointCount);
        using var harness = RobotBusHarness.SharedPlant(plant);
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);

        backend.Configure();
        Assert.True(backend.Read(new SensorFrame(backend.JointCount)));

        Assert.Equal(3, harness.Options.PortOverrides!.Values.Distinct().Count());
        foreach (var bus in harness.Config.Buses)
        {
            var served = harness.Buses[bus.Name];
            var wired = harness.Config.Joints.Where(joint => joint.Servo.Bus == bus.Name).Select(joint => (byte)joint.Servo.MotorId);
            Assert.Equal(wired, served.Devices.OfType<VirtualMotor>().Select(motor => motor.Id));
            Assert.True(served.RequestsHandled > 0, $"no request reached bus {bus.Name}");
        }
        Assert.Equal(0, backend.FailedReads);
    }

    [Fact]
    public void A_bus_pointed_at_another_buses_port_finds_none_of_its_motors()
    {
        using var harness = RobotBusHarness.SharedPlant(new RecordingPlant(TestRobot.Config.JointCount));
        var ports = new Dictionary<string, string>(harness.Options.PortOverrides!)
        {
            ["leg_right"] = harness.Options.PortOverrides!["leg_left"],
        };
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options with { PortOverrides = ports });

        var error = Assert.Throws<HardwareConfigurationException>(backend.Configure);

        Assert.Matches(@"joint right_\w+ \(bus leg_right on ", error.Message);
    }

    [Fact]
    public void Plant_time_over_three_parallel_ports_advances_by_the_elapsed_wall_clock_time_once_not_once_per_bus()
    {
        var plant = new RecordingPlant(TestRobot.Config.JointCount);
        var time = new ManualTimeProvider();
        using var harness = RobotBusHarness.SharedPlant(plant, VirtualPlantClock.WallClock, time);
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);
        backend.Configure();
        backend.Activate();
        var frame = new SensorFrame(backend.JointCount);
        var torque = Enumerable.Repeat(1.0, backend.JointCount).ToArray();
        for (var cycle = 0; cycle < 20; cycle++)
        {
            Assert.True(backend.Write(torque, torqueEnabled: true));
            Assert.True(backend.Read(frame));
        }
        Assert.Equal(0, plant.AdvancedS); // the clock has not moved

        time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.True(backend.Write(torque, torqueEnabled: true));
        Assert.True(backend.Read(frame));

        // Three ports each handled requests after the clock moved: still 10 ms of physics, not 30.
        Assert.Equal(0.010, plant.AdvancedS, 1e-12);
        Assert.All(plant.CurrentsA(), currentA => Assert.NotEqual(0, currentA)); // every motor, whichever port it is on
    }
}
