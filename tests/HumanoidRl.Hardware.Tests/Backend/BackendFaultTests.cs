using HumanoidRl.Core.Sensing;
using HumanoidRl.Hardware.Backend;

namespace HumanoidRl.Hardware.Tests.Backend;

/// <summary>Injected line faults end in the per-motor counters and, past the bound, in a backend fault.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BackendFaultTests
{
    [Fact]
    public void Silent_motor_beyond_the_consecutive_failure_bound_makes_read_and_write_fail_then_recovers()
    {
        using var harness = RobotBusHarness.PerBus();
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options with { MaxConsecutiveFailures = 2 });
        backend.Configure();
        backend.Activate();
        var frame = new SensorFrame(backend.JointCount);
        var torque = new double[backend.JointCount];
        var knee = harness.Config.IndexOfJoint("left_knee");
        harness.BusOf("left_knee").Faults.DropReplies(4, 3);

        Assert.True(backend.Read(frame));  // 1 failure in a row: within the bound
        Assert.True(backend.Read(frame));  // 2
        Assert.False(backend.Read(frame)); // 3 > 2
        Assert.False(backend.Write(torque, true));
        Assert.Contains("joint left_knee (bus leg_left", backend.DescribeFault(), StringComparison.Ordinal);
        Assert.Equal(3, backend.CountersOf(knee).Timeouts);
        Assert.Equal(0, backend.CountersOf(harness.Config.IndexOfJoint("right_knee")).Timeouts);

        Assert.True(backend.Read(frame)); // the motor answers again
        Assert.True(backend.Write(torque, true));
        Assert.Null(backend.DescribeFault());
        Assert.Equal(1, backend.FailedReads);
        Assert.Equal(1, backend.FailedWrites);
    }

    [Fact]
    public void Corrupted_replies_are_counted_as_crc_errors_of_that_motor_and_hardware_alerts_as_alerts()
    {
        using var harness = RobotBusHarness.PerBus();
        using var backend = new DynamixelHardwareBackend(harness.Config, harness.Options);
        backend.Configure();
        var frame = new SensorFrame(backend.JointCount);
        var elbow = harness.Config.IndexOfJoint("right_elbow");
        harness.BusOf("right_elbow").Faults.CorruptReplies(16, 2);
        harness.Motor("left_hip_yaw").InjectHardwareError(0x20);

        for (var cycle = 0; cycle < 4; cycle++) Assert.True(backend.Read(frame));

        Assert.Equal(2, backend.CountersOf(elbow).CrcErrors);
        Assert.Equal(0, backend.CountersOf(elbow).ConsecutiveFailures);
        Assert.Equal(4, backend.CountersOf(harness.Config.IndexOfJoint("left_hip_yaw")).HardwareErrorAlerts);
    }

    [Fact]
    public void Random_drops_on_the_line_end_in_timeouts_and_a_fault_once_a_motor_misses_enough_in_a_row()
    {
        using var harness = RobotBusHarness.PerBus();
        using var backend = new DynamixelHardwareBackend(
            harness.Config, harness.Options with { MaxConsecutiveFailures = 1, ReplyTimeoutMarginMs = 50 });
        backend.Configure();
        var frame = new SensorFrame(backend.JointCount);
        harness.Buses["arms"].Faults.SetRandomFaults(dropProbability: 0.5, corruptProbability: 0.25, seed: 7);

        var failedAt = -1;
        for (var cycle = 0; cycle < 200 && failedAt < 0; cycle++)
        {
            if (!backend.Read(frame)) failedAt = cycle;
        }

        Assert.True(failedAt >= 0, "no fault in 200 cycles at 50 % drops");
        var arms = Enumerable.Range(12, 4).Select(backend.CountersOf).ToArray();
        Assert.True(arms.Sum(counters => counters.Timeouts + counters.CrcErrors + counters.MalformedReplies) >= 2);
        Assert.Contains("bus arms", backend.DescribeFault(), StringComparison.Ordinal);
        Assert.Equal(0, backend.CountersOf(0).Timeouts + backend.CountersOf(0).CrcErrors);
        Assert.True(harness.Buses["arms"].Faults.InjectedDrops + harness.Buses["arms"].Faults.InjectedCorruptions >= 2);
    }
}
