using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Serial;
using HumanoidRl.Hardware.Virtual;
using HumanoidRl.Hardware.Virtual.Tests;

namespace HumanoidRl.Hardware.Tests.Serial;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LinuxSerialTransportTests
{
    private static readonly MotorControlTable X = MotorModelCatalog.XSeriesTable;

    [Theory]
    [InlineData(57_600)]
    [InlineData(1_000_000)]
    [InlineData(4_000_000)]
    [InlineData(4_500_000)]
    public void Open_sets_standard_and_custom_baud_rates_through_termios2(int baudRate)
    {
        using var terminal = PseudoTerminalPair.Open();
        using var transport = LinuxSerialTransport.Open(terminal.DevicePath, baudRate);

        Assert.Equal(baudRate, transport.BaudRate);
        Assert.Equal(terminal.DevicePath, transport.Name);
    }

    [Fact]
    public void Bytes_pass_both_ways_unchanged_including_control_characters()
    {
        using var terminal = PseudoTerminalPair.Open();
        using var transport = LinuxSerialTransport.Open(terminal.DevicePath, 4_000_000);
        byte[] raw = [0xFF, 0xFF, 0xFD, 0x00, 0x0A, 0x0D, 0x03, 0x11, 0x13, 0x7F, 0x04];

        transport.Write(raw);
        Assert.Equal(raw, ReadExactly(terminal.Read, raw.Length));
        terminal.Write(raw);
        Assert.Equal(raw, ReadExactly(transport.Read, raw.Length));
    }

    [Fact]
    public void Read_returns_zero_when_nothing_arrives_and_discard_drops_pending_bytes()
    {
        using var terminal = PseudoTerminalPair.Open();
        using var transport = LinuxSerialTransport.Open(terminal.DevicePath, 1_000_000);
        var buffer = new byte[16];

        Assert.Equal(0, transport.Read(buffer, 0));
        Assert.Equal(0, transport.Read(buffer, 5));
        terminal.Write([1, 2, 3]);
        Thread.Sleep(50);
        transport.DiscardInput();
        Assert.Equal(0, transport.Read(buffer, 5));
    }

    [Fact]
    public void Opening_a_port_that_does_not_exist_names_the_port()
    {
        var error = Assert.Throws<SerialTransportException>(() => LinuxSerialTransport.Open("/dev/ttyDOES-NOT-EXIST", 57600));
        Assert.Contains("/dev/ttyDOES-NOT-EXIST", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_transport_on_linux_is_the_direct_tty_one_and_system_io_ports_stays_available()
    {
        using var harness = new PtyBusHarness(1);
        using var terminal = PseudoTerminalPair.Open();
        using var linux = SerialTransports.Open(terminal.DevicePath, 1_000_000);
        Assert.IsType<LinuxSerialTransport>(linux);
        linux.Dispose();

        // The portable transport still talks to the same emulator.
        harness.Bus.Dispose();
        using var portable = SerialTransports.Open(harness.Server.PortPath, 1_000_000, SerialTransportKind.SystemIoPorts);
        Assert.IsType<SerialPortTransport>(portable);
        using var bus = new DynamixelBus(portable, new DynamixelBusOptions { ReplyTimeoutMarginMs = PtyBusHarness.ReplyMarginMs });
        Assert.Equal(TransferStatus.Ok, bus.Ping(1, out var reply).Status);
        Assert.Equal(MotorModelCatalog.XM430W350.ModelNumber, reply.ModelNumber);
    }

    /// <summary>
    /// The real-time requirement: a full 16-motor cycle (Sync Write of goal currents, Fast Sync Read of
    /// current/velocity/position, IMU read) over a real pseudo-terminal allocates nothing on the bus thread.
    /// The emulator answers from its own thread, which is not counted.
    /// </summary>
    [Fact]
    public void Full_cycle_of_sixteen_motors_and_the_imu_over_a_pty_allocates_nothing_after_warm_up()
    {
        byte[] ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        using var harness = new PtyBusHarness(ids);
        foreach (var id in ids)
        {
            Assert.True(harness.Bus.Write(id, X.OperatingMode.Address, [0]).IsOk);
            Assert.True(harness.Bus.Write(id, X.TorqueEnable.Address, [1]).IsOk);
        }
        var goal = new SyncWriteGroup(X.GoalCurrent.Address, 2, ids);
        var state = new SyncReadGroup(X.PresentStateAddress, X.PresentStateSizeBytes, ids, fast: true);
        var imu = new byte[18];
        var bus = harness.Bus;

        // No asserts inside: they allocate. Returns the number of good replies (16 + 1).
        int Cycle(int cycle)
        {
            for (var index = 0; index < ids.Length; index++) goal.SetInt16(index, (short)((cycle % 100) - 50));
            bus.SyncWrite(goal);
            var good = bus.SyncRead(state);
            return good + (bus.Read(VirtualOpenCrImu.DefaultId, VirtualOpenCrImu.GyroXAddress, imu).IsOk ? 1 : 0);
        }
        const int MeasuredCycles = 300;
        for (var cycle = 0; cycle < 200; cycle++) Cycle(cycle);

        var good = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var cycle = 0; cycle < MeasuredCycles; cycle++) good += Cycle(cycle);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(17 * MeasuredCycles, good);
    }

    private static byte[] ReadExactly(Func<Span<byte>, int, int> read, int count)
    {
        var received = new byte[count];
        var total = 0;
        while (total < count)
        {
            var got = read(received.AsSpan(total), 2000);
            Assert.True(got > 0, $"only {total} of {count} bytes within 2 s");
            total += got;
        }
        return received;
    }
}
