using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Dynamixel.Protocol;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Tests;
using HumanoidRl.Hardware.Tests.Dynamixel.Bus;

namespace HumanoidRl.Hardware.Virtual.Tests;

/// <summary>The robot's three virtual buses on one shared plant, driven in-process with a manual clock.</summary>
public sealed class VirtualPlantDriverTests
{
    private static readonly TimeSpan LoopPeriod = TimeSpan.FromMilliseconds(2);

    [Fact]
    public void Per_bus_layout_puts_each_motor_on_the_bus_its_servo_names_and_the_imu_on_its_bus()
    {
        var config = TestRobot.Config;
        var buses = VirtualRobotBus.CreatePerBus(config, new RecordingPlant(config.JointCount));

        Assert.Equal(config.Buses.Select(bus => bus.Name), buses.Select(bus => bus.BusName));
        foreach (var (busName, bus) in buses)
        {
            var expected = config.Joints.Where(joint => joint.Servo.Bus == busName).Select(joint => (byte)joint.Servo.MotorId);
            Assert.Equal(expected, bus.Devices.OfType<VirtualMotor>().Select(motor => motor.Id));
            Assert.Equal(busName == config.Imu.Bus ? 1 : 0, bus.Devices.OfType<VirtualOpenCrImu>().Count());
        }
        var driver = Assert.Single(buses.Select(bus => bus.Bus.Driver).Distinct());
        Assert.Equal(config.Joints.Select(joint => (byte)joint.Servo.MotorId), driver!.Motors.Select(motor => motor.Id));
    }

    [Fact]
    public void Wall_clock_plant_time_advances_once_by_the_elapsed_time_however_many_buses_handle_requests()
    {
        var (plant, time, clients) = Serve();
        PushWithEveryMotor(clients.Driver);
        PingEach(clients); // the first step only starts the clock

        for (var round = 0; round < 10; round++)
        {
            time.Advance(LoopPeriod);
            PingEach(clients);
        }

        // 10 periods of 2 ms, whatever the 30 requests on three buses: per-bus clocks would make it 60 ms.
        Assert.Equal(0.020, plant.AdvancedS, 1e-12);
        Assert.All(clients.Virtual, bus => Assert.Equal(11, bus.RequestsHandled));
    }

    [Fact]
    public void Without_motor_effort_wall_clock_time_does_not_reach_the_plant_the_robot_hangs_in_its_gantry()
    {
        var (plant, time, clients) = Serve();
        PingEach(clients);

        time.Advance(TimeSpan.FromMilliseconds(30));
        PingEach(clients);
        Assert.Equal(0, plant.AdvancedS);

        PushWithEveryMotor(clients.Driver);
        time.Advance(LoopPeriod);
        PingEach(clients);
        Assert.Equal(0.002, plant.AdvancedS, 1e-12);
    }

    [Fact]
    public void A_request_on_one_bus_feeds_the_plant_the_currents_of_the_motors_on_every_bus()
    {
        var config = TestRobot.Config;
        var (plant, _, clients) = Serve();
        PushWithEveryMotor(clients.Driver);
        var arm = config.IndexOfJoint("right_elbow");
        var motor = clients.Driver.Motors[arm];
        const short GoalUnits = 40;
        Assert.Equal(StatusErrorCode.None, motor.Write(motor.Model.ControlTable.GoalCurrent.Address, BitConverter.GetBytes(GoalUnits)));

        var leftHip = config.Joints[config.IndexOfJoint("left_hip_yaw")].Servo;
        Assert.True(clients.On(leftHip.Bus).Ping((byte)leftHip.MotorId, out _).IsOk);

        Assert.Equal(MotorUnits.CurrentUnitsToA(motor.Model, GoalUnits), plant.CurrentA(arm), 1e-12);
    }

    [Fact]
    public void A_bus_refuses_a_device_its_plant_driver_does_not_update()
    {
        var config = TestRobot.Config;
        var driver = VirtualRobotBus.CreatePerBus(config, new RecordingPlant(config.JointCount))[0].Bus.Driver!;

        var error = Assert.Throws<ArgumentException>(() => new VirtualBus([new VirtualMotor(99, MotorModelCatalog.XM430W350)], driver));

        Assert.Contains("device ID 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_on_three_buses_sharing_a_wall_clock_plant_allocate_nothing_after_warm_up()
    {
        var (_, time, clients) = Serve();
        PushWithEveryMotor(clients.Driver);
        // Per bus, one Fast Sync Read of the present state per control-table layout on it (as the backend groups them).
        var reads = clients.Virtual.SelectMany((bus, index) => bus.Devices.OfType<VirtualMotor>()
                .GroupBy(motor => motor.Model.ControlTable)
                .Select(group => (Client: clients.Buses[index], Group: new SyncReadGroup(
                    group.Key.PresentStateAddress, group.Key.PresentStateSizeBytes, [.. group.Select(motor => motor.Id)], fast: true))))
            .ToArray();

        int Cycle()
        {
            time.Advance(LoopPeriod);
            var good = 0;
            foreach (var (client, group) in reads) good += client.SyncRead(group);
            return good;
        }
        for (var cycle = 0; cycle < 100; cycle++) Cycle();

        var good = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var cycle = 0; cycle < 300; cycle++) good += Cycle();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(300 * TestRobot.Config.JointCount, good);
    }

    private static (RecordingPlant Plant, ManualTimeProvider Time, Clients Clients) Serve()
    {
        var config = TestRobot.Config;
        var plant = new RecordingPlant(config.JointCount);
        var time = new ManualTimeProvider();
        var buses = VirtualRobotBus.CreatePerBus(config, plant, VirtualPlantClock.WallClock, time);
        var virtualBuses = buses.Select(bus => bus.Bus).ToArray();
        // A wide margin: a descheduled test thread must not turn an instant reply into a late one.
        var clients = virtualBuses
            .Select(bus => new DynamixelBus(new InProcessBusTransport(bus), new DynamixelBusOptions { ReplyTimeoutMarginMs = 5000 }))
            .ToArray();
        return (plant, time, new Clients(virtualBuses[0].Driver!, [.. buses.Select(bus => bus.BusName)], virtualBuses, clients));
    }

    /// <summary>Current mode and torque on: every motor drives its Goal Current (the Current Limit after the mode change).</summary>
    private static void PushWithEveryMotor(VirtualPlantDriver driver)
    {
        foreach (var motor in driver.Motors)
        {
            var table = motor.Model.ControlTable;
            Assert.Equal(StatusErrorCode.None, motor.Write(table.OperatingMode.Address, [0]));
            Assert.Equal(StatusErrorCode.None, motor.Write(table.TorqueEnable.Address, [1]));
            Assert.NotEqual(0, motor.CommandedCurrentA);
        }
    }

    /// <summary>One Ping on every bus, to the first device on it.</summary>
    private static void PingEach(Clients clients)
    {
        for (var index = 0; index < clients.Buses.Length; index++)
        {
            Assert.True(clients.Buses[index].Ping(clients.Virtual[index].Devices[0].Id, out _).IsOk);
        }
    }

    /// <summary>Per configured bus (config order): its name, its virtual bus and a driver-side client of it.</summary>
    private sealed record Clients(VirtualPlantDriver Driver, string[] Names, VirtualBus[] Virtual, DynamixelBus[] Buses)
    {
        public DynamixelBus On(string busName) => Buses[Array.IndexOf(Names, busName)];
    }
}
