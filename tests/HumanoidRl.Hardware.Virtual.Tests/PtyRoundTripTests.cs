using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Serial;

namespace HumanoidRl.Hardware.Virtual.Tests;

/// <summary>The driver against the emulator through a real pseudo-terminal pair.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PtyRoundTripTests
{
    private static readonly MotorControlTable X = MotorModelCatalog.XSeriesTable;

    [Fact]
    public void Ping_of_each_configured_id_returns_its_model_number_and_firmware()
    {
        using var harness = new PtyBusHarness(1, 2, 3);

        foreach (byte id in new byte[] { 1, 2, 3 })
        {
            var result = harness.Bus.Ping(id, out var reply);
            Assert.Equal(TransferStatus.Ok, result.Status);
            Assert.Equal(MotorModelCatalog.XM430W350.ModelNumber, reply.ModelNumber);
            Assert.Equal(46, reply.Firmware);
        }
        Assert.Equal(TransferStatus.Ok, harness.Bus.Ping(VirtualOpenCrImu.DefaultId, out var imu).Status);
        Assert.Equal(VirtualOpenCrImu.ModelNumberValue, imu.ModelNumber);
    }

    [Fact]
    public void Broadcast_scan_finds_exactly_the_configured_devices()
    {
        using var harness = new PtyBusHarness(4, 9);

        var found = harness.Bus.Scan();

        Assert.Equal(new byte[] { 4, 9, 200 }, found.Select(reply => reply.Id).ToArray());
        Assert.Equal(new ushort[] { 1020, 1020, 0x7400 }, found.Select(reply => reply.ModelNumber).ToArray());
    }

    [Fact]
    public void Ping_of_an_absent_id_times_out_and_is_counted()
    {
        using var harness = new PtyBusHarness(1);

        Assert.Equal(TransferStatus.Timeout, harness.Bus.Ping(42, out _).Status);
        Assert.Equal(1, harness.Bus.Counters[42].Timeouts);
        Assert.Equal(TransferStatus.Ok, harness.Bus.Ping(1, out _).Status);
    }

    [Fact]
    public void Written_register_reads_back_and_a_read_only_register_is_refused_with_access_error()
    {
        using var harness = new PtyBusHarness(1);

        Assert.True(harness.Bus.Write(1, X.ReturnDelayTime.Address, [0]).IsOk);
        Span<byte> value = stackalloc byte[1];
        Assert.True(harness.Bus.Read(1, X.ReturnDelayTime.Address, value).IsOk);
        Assert.Equal(0, value[0]);

        var refused = harness.Bus.Write(1, X.PresentPosition.Address, [1, 2, 3, 4]);
        Assert.Equal(TransferStatus.DeviceError, refused.Status);
        Assert.Equal(HumanoidRl.Hardware.Dynamixel.Protocol.StatusErrorCode.AccessError, refused.Error.Code);
        Assert.Equal(1, harness.Bus.Counters[1].DeviceErrors);
    }

    [Fact]
    public void Sync_write_of_goal_current_then_fast_sync_read_shows_the_plant_moving_in_the_commanded_direction()
    {
        using var harness = new PtyBusHarness(1, 2);
        byte[] ids = [1, 2];
        foreach (var id in ids)
        {
            Assert.True(harness.Bus.Write(id, X.OperatingMode.Address, [0]).IsOk);
            Assert.True(harness.Bus.Write(id, X.TorqueEnable.Address, [1]).IsOk);
        }
        var goal = new SyncWriteGroup(X.GoalCurrent.Address, 2, ids);
        goal.SetInt16(0, 200);
        goal.SetInt16(1, -200);
        var state = new SyncReadGroup(X.PresentStateAddress, X.PresentStateSizeBytes, ids, fast: true);

        Assert.Equal(2, harness.Bus.SyncRead(state));
        var startPosition = new[] { state.GetInt32(0, X.PresentPosition.Address), state.GetInt32(1, X.PresentPosition.Address) };
        for (var cycle = 0; cycle < 20; cycle++)
        {
            harness.Bus.SyncWrite(goal);
            Assert.Equal(2, harness.Bus.SyncRead(state));
        }

        Assert.True(state.GetInt32(0, X.PresentPosition.Address) > startPosition[0]);
        Assert.True(state.GetInt32(1, X.PresentPosition.Address) < startPosition[1]);
        Assert.True(state.GetInt32(0, X.PresentVelocity.Address) > 0);
        Assert.True(state.GetInt32(1, X.PresentVelocity.Address) < 0);
        Assert.Equal(200, state.GetInt16(0, X.PresentCurrent.Address));
        Assert.Equal(-200, state.GetInt16(1, X.PresentCurrent.Address));
    }

    [Fact]
    public void Plain_sync_read_and_bulk_read_return_each_devices_registers()
    {
        using var harness = new PtyBusHarness(1, 2);
        var positions = new SyncReadGroup(X.PresentPosition.Address, 4, [1, 2], fast: false);
        var bulk = new BulkReadGroup(
            [new BulkReadEntry(1, X.PresentPosition.Address, 4), new BulkReadEntry(200, VirtualOpenCrImu.AccelerationXAddress, 6)]);

        Assert.Equal(2, harness.Bus.SyncRead(positions));
        Assert.Equal(2048, positions.GetInt32(0, X.PresentPosition.Address));
        Assert.Equal(2048, positions.GetInt32(1, X.PresentPosition.Address));
        Assert.Equal(2, harness.Bus.BulkRead(bulk));
        Assert.Equal(2048, BitConverter.ToInt32(bulk.DataAt(0)));
        Assert.Equal(16384, BitConverter.ToInt16(bulk.DataAt(1)[4..])); // +1 g on z: upright and at rest
    }

    [Fact]
    public void Reboot_clears_an_injected_hardware_error_whose_alert_was_counted()
    {
        using var harness = new PtyBusHarness(1);
        harness.Motors[0].InjectHardwareError(0x20); // overload

        var alerted = harness.Bus.Ping(1, out _);
        Assert.True(alerted.IsOk);
        Assert.True(alerted.HardwareAlert);
        Assert.Equal(1, harness.Bus.Counters[1].HardwareErrorAlerts);

        Assert.True(harness.Bus.Reboot(1).IsOk);
        Assert.False(harness.Bus.Ping(1, out _).HardwareAlert);
    }

    [Fact]
    public void Low_latency_setup_on_a_pseudo_terminal_is_reported_as_not_supported_instead_of_failing()
    {
        using var harness = new PtyBusHarness(1);

        Assert.Equal(LowLatencyState.NotSupported, harness.Transport.LowLatency.State);
        Assert.Contains("TIOCGSERIAL", harness.Transport.LowLatency.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_port_that_does_not_exist_names_the_port()
    {
        var error = Assert.Throws<SerialTransportException>(() => SerialPortTransport.Open("/dev/ttyDOES-NOT-EXIST", 57600));
        Assert.Contains("/dev/ttyDOES-NOT-EXIST", error.Message, StringComparison.Ordinal);
    }
}
