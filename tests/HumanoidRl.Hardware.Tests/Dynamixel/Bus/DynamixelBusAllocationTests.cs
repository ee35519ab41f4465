using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Virtual;

namespace HumanoidRl.Hardware.Tests.Dynamixel.Bus;

public sealed class DynamixelBusAllocationTests
{
    private static readonly MotorControlTable X = MotorModelCatalog.XSeriesTable;

    [Fact]
    public void Control_cycles_after_warm_up_allocate_nothing_in_the_packet_and_group_layers()
    {
        byte[] ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        var motors = ids.Select(id => new VirtualMotor(id, MotorModelCatalog.XM430W350)).ToArray();
        var plant = new FirstOrderMotorPlant(ids.Length, 1.78, 1e-3, 0.05);
        var virtualBus = new HumanoidRl.Hardware.Virtual.VirtualBus([.. motors, new VirtualOpenCrImu()], plant);
        // A wide margin: a descheduled test thread must not turn an instant reply into a late one.
        using var bus = new DynamixelBus(new InProcessBusTransport(virtualBus), new DynamixelBusOptions { ReplyTimeoutMarginMs = 5000 });
        foreach (var id in ids)
        {
            Assert.True(bus.Write(id, X.OperatingMode.Address, [0]).IsOk);
            Assert.True(bus.Write(id, X.TorqueEnable.Address, [1]).IsOk);
        }
        var goal = new SyncWriteGroup(X.GoalCurrent.Address, 2, ids);
        var state = new SyncReadGroup(X.PresentStateAddress, X.PresentStateSizeBytes, ids, fast: true);
        var plainState = new SyncReadGroup(X.PresentStateAddress, X.PresentStateSizeBytes, ids, fast: false);
        var imu = new BulkReadGroup(
            [new BulkReadEntry(1, X.PresentPosition.Address, 4), new BulkReadEntry(200, VirtualOpenCrImu.GyroXAddress, 18)]);
        Span<byte> register = stackalloc byte[4];

        // Returns how many replies were good (16 + 16 + 2 + 1 + 1 per cycle); no asserts inside, they allocate.
        int Cycle(int cycle, Span<byte> register)
        {
            for (var index = 0; index < ids.Length; index++) goal.SetInt16(index, (short)((cycle % 100) - 50));
            bus.SyncWrite(goal);
            var good = bus.SyncRead(state) + bus.SyncRead(plainState) + bus.BulkRead(imu);
            good += bus.Read(1, X.PresentPosition.Address, register).IsOk ? 1 : 0;
            return good + (bus.Ping(1, out _).IsOk ? 1 : 0);
        }
        const int GoodPerCycle = 16 + 16 + 2 + 1 + 1;
        const int MeasuredCycles = 2000;

        for (var cycle = 0; cycle < 100; cycle++) Assert.Equal(GoodPerCycle, Cycle(cycle, register));

        var good = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var cycle = 0; cycle < MeasuredCycles; cycle++) good += Cycle(cycle, register);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(GoodPerCycle * MeasuredCycles, good);
    }
}
