using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HumanoidRl.Hardware.Diagnostics;
using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Dynamixel.Protocol;
using HumanoidRl.Hardware.Imu;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Serial;
using HumanoidRl.Hardware.Virtual;

namespace HumanoidRl.Cli.Bench;

/// <summary>
/// `bench serial`: full control cycles (Sync Write of goal currents, Fast Sync Read of current/velocity/position,
/// IMU read) through a pseudo-terminal against the virtual bus, with the Linux tty transport at 4 Mbps. Reports
/// what the software costs per cycle (thread CPU time: encode, decode, system calls), allocation per cycle on the
/// driver's thread (the virtual bus answers from its own thread, which is not counted), and the wire time the same
/// bytes would take on a real 4 Mbps bus for comparison.
/// </summary>
internal static class BenchSerialCommand
{
    private const int BaudRate = 4_000_000;
    private const int BitsPerByte = 10;
    private const int InstructionOverheadBytes = 10; // header 4, ID, length 2, instruction, CRC 2
    private const int StatusOverheadBytes = 11; // plus the error byte
    private const int WarmUpCycles = 2000;

    public static Command Create()
    {
        var motors = new Option<int>("--motors") { Description = "Motors on the bus (XM430-W350, IDs 1..N).",
            DefaultValueFactory = _ => 16 };
        var seconds = new Option<double>("--seconds") { Description = "Measuring time.", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object." };
        var command = new Command("serial", "Serial driver cost per control cycle over a pseudo-terminal vs the wire time at 4 Mbps " +
            "(target: 0 bytes allocated per cycle).")
        {
            motors, seconds, json,
        };
        command.SetAction(parse => Run(parse.GetValue(motors), parse.GetValue(seconds), parse.GetValue(json),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(int motorCount, double seconds, bool json, TextWriter output, TextWriter error)
    {
        if (!OperatingSystem.IsLinux())
        {
            error.WriteLine("bench serial: needs Linux (pseudo-terminals and the tty transport)");
            return 2;
        }
        if (motorCount is < 1 or > 200 || !(seconds > 0))
        {
            error.WriteLine($"bench serial: --motors must be 1..200 (got {motorCount}) and --seconds > 0 (got {seconds})");
            return 2;
        }
        var ids = Enumerable.Range(1, motorCount).Select(id => (byte)id).ToArray();
        var model = MotorModelCatalog.XM430W350;
        var table = model.ControlTable;
        var plant = new FirstOrderMotorPlant(motorCount, model.TorqueConstantNmPerA!.Value, inertiaKgM2: 1e-3, dampingNmsPerRad: 0.05);
        var virtualBus = new VirtualBus([.. ids.Select(id => new VirtualMotor(id, model)), new VirtualOpenCrImu()], plant);
        using var server = VirtualBusServer.Start(virtualBus);
        using var bus = new DynamixelBus(LinuxSerialTransport.Open(server.PortPath, BaudRate),
            new DynamixelBusOptions { ReplyTimeoutMarginMs = 200 });
        foreach (var id in ids)
        {
            foreach (var (item, value) in new[] { (table.ReturnDelayTime, 0), (table.OperatingMode, 0), (table.TorqueEnable, 1) })
            {
                var result = SetupRetries.Write(bus, id, item.Address, [(byte)value]);
                if (!result.IsOk)
                {
                    error.WriteLine($"bench serial: setting up ID {id} failed at address {item.Address}: {result.Status}");
                    return 1;
                }
            }
        }
        var cycle = new SerialCycle(bus,
            new SyncWriteGroup(table.GoalCurrent.Address, table.GoalCurrent.SizeBytes, ids),
            new SyncReadGroup(table.PresentStateAddress, table.PresentStateSizeBytes, ids, fast: true));

        (json ? error : output).WriteLine($"{motorCount} motors + IMU over {server.DevicePath}: 1 s warm-up, then {seconds:F1} s");
        // Long enough for tiered compilation to settle, whose one-time allocations are not the cycle's.
        _ = RunCycles(cycle, WarmUpCycles, Stopwatch.GetTimestamp() + Stopwatch.Frequency);
        _ = ThreadCpuClock.NowNs(); // its first call binds the native function, which allocates once

        var cpuBefore = ThreadCpuClock.NowNs();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var (cycles, good) = RunCycles(cycle, 0, start + (long)(seconds * Stopwatch.Frequency));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var elapsedS = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuNs = ThreadCpuClock.NowNs() - cpuBefore;

        var cycleBytes =
            InstructionOverheadBytes + 4 + (motorCount * (1 + table.GoalCurrent.SizeBytes))         // Sync Write
            + InstructionOverheadBytes + 4 + motorCount                                           // Fast Sync Read request
            + 8 + (motorCount * (table.PresentStateSizeBytes + 4))                                // its one reply
            + InstructionOverheadBytes + 4 + StatusOverheadBytes + OpenCrImuRegisters.BlockBytes; // IMU Read + status
        const double ReturnDelayUs = 0; // Return Delay Time is set to 0, as the backend does
        var wireMs = (cycleBytes * BitsPerByte * 1000.0 / BaudRate) + (ReturnDelayUs / 1000);
        var figures = new Dictionary<string, object>
        {
            ["motors"] = motorCount,
            ["cycles"] = cycles,
            ["cycles_per_s"] = Math.Round(cycles / elapsedS),
            ["software_us_per_cycle"] = Math.Round(cpuNs / 1000.0 / cycles, 2),
            ["alloc_bytes_per_cycle"] = Math.Round((double)allocated / cycles, 3),
            ["good_replies_per_cycle"] = Math.Round((double)good / cycles, 3),
            ["bytes_per_cycle"] = cycleBytes,
            ["wire_ms_at_4mbps"] = Math.Round(wireMs, 3),
            ["return_delay_us"] = ReturnDelayUs,
        };
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(figures));
        }
        else
        {
            foreach (var (name, value) in figures) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} {value}"));
        }
        return server.Failure is null && good == cycles * (motorCount + 1) ? 0 : 1;
    }

    /// <summary>
    /// Runs cycles until <paramref name="endTimestamp"/> (and at least <paramref name="minCycles"/>); returns cycles run
    /// and good replies. Compiled fully optimized on its first call (the warm-up): a loop left to tiered compilation is
    /// replaced on the stack (OSR) once it has spun long enough, and that JIT work allocated on this thread in the
    /// middle of a measurement longer than about a second.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (long Cycles, long GoodReplies) RunCycles(SerialCycle cycle, long minCycles, long endTimestamp)
    {
        long cycles = 0, good = 0;
        while (cycles < minCycles || Stopwatch.GetTimestamp() < endTimestamp)
        {
            good += cycle.Run(cycles);
            cycles++;
        }
        return (cycles, good);
    }

    /// <summary>One control cycle: Sync Write of goal currents, Fast Sync Read of the present state, IMU read.</summary>
    private sealed class SerialCycle(DynamixelBus bus, SyncWriteGroup goal, SyncReadGroup state)
    {
        private readonly byte[] _imu = new byte[OpenCrImuRegisters.BlockBytes];

        /// <summary>Returns the number of devices that answered OK.</summary>
        public int Run(long cycle)
        {
            var units = (short)((cycle % 200) - 100);
            for (var index = 0; index < goal.Ids.Length; index++) goal.SetInt16(index, units);
            bus.SyncWrite(goal);
            var good = bus.SyncRead(state);
            return good + (bus.Read(VirtualOpenCrImu.DefaultId, OpenCrImuRegisters.BlockAddress, _imu).IsOk ? 1 : 0);
        }
    }
}
