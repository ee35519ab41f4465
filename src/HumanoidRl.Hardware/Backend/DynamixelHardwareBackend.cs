using System.Diagnostics;
using HumanoidRl.Core.Backends;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Sensing;
using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Imu;
using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Hardware.Backend;

/// <summary>
/// The real robot behind <see cref="IRobotBackend"/>: Dynamixel Protocol 2.0 motors in current (torque) mode and
/// the bus IMU, on the buses of the robot config. Per cycle each port does one Fast Sync Read per control table
/// (current, velocity, position) plus the IMU block, ports on separate adapters in parallel (one thread per
/// extra port), and one Sync Write of Goal Current. Nothing is allocated per cycle. A device failing more than
/// <see cref="HardwareBackendOptions.MaxConsecutiveFailures"/> times in a row makes Read and Write return false.
/// </summary>
public sealed class DynamixelHardwareBackend : IRobotBackend
{
    private const int BusWatchdogUnitMs = 20;


    private readonly RobotConfig _config;
    private readonly HardwareBackendOptions _options;
    private readonly ImuMounting _imuMounting;
    private readonly double[] _positionRad;
    private readonly double[] _velocityRadPerS;
    private readonly double[] _torqueNm;
    private JointWiring[] _joints = [];
    private BusPort[] _ports = [];
    private BusWorker[] _workers = [];
    private BusPort?[] _jointPort = [];
    private MotorGroup?[] _jointGroup = [];
    private int[] _jointSlot = [];
    private BusPort? _imuPort;
    private double[] _imuQuaternion = [1, 0, 0, 0];
    private double[] _gyroRadPerS = new double[3];
    private double[] _accelMPerS2 = new double[3];
    private bool _active;

    public DynamixelHardwareBackend(RobotConfig config, HardwareBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _options = options ?? new HardwareBackendOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxConsecutiveFailures);
        if (_options.BusWatchdogMs is not 0 and (< BusWatchdogUnitMs or > 127 * BusWatchdogUnitMs))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.BusWatchdogMs, "BusWatchdogMs must be 0 (off) or 20..2540 ms");
        }
        _imuMounting = new ImuMounting(config.Imu.AxisMap, config.SourcePath);
        _positionRad = new double[config.JointCount];
        _velocityRadPerS = new double[config.JointCount];
        _torqueNm = new double[config.JointCount];
    }

    public string Name => "dynamixel";

    public bool IsSimulated => false;

    public int JointCount => _config.JointCount;

    public double BaseHeightM => double.NaN;

    public bool IsConfigured => _ports.Length > 0;

    /// <summary>Reads that returned false (a device past the failure bound, or a serial error).</summary>
    public long FailedReads { get; private set; }

    public long FailedWrites { get; private set; }

    /// <summary>Communication counters of a joint's motor (policy index).</summary>
    public MotorCounters CountersOf(int joint) => PortOf(joint).Bus.Counters[_joints[joint].MotorId];

    public MotorCounters ImuCounters => (_imuPort ?? throw NotConfigured()).Bus.Counters[(byte)_config.Imu.DeviceId];

    /// <summary>
    /// What makes Read/Write fail now, naming the joint, bus and ID; null while healthy. Allocates: not for the loop thread.
    /// </summary>
    public string? DescribeFault()
    {
        var problems = new List<string>();
        for (var joint = 0; joint < _joints.Length; joint++)
        {
            var counters = CountersOf(joint);
            if (counters.ConsecutiveFailures > _options.MaxConsecutiveFailures)
            {
                problems.Add($"{_joints[joint].Describe()}: {counters.ConsecutiveFailures} failures in a row " +
                             $"({counters.Timeouts} timeouts, {counters.CrcErrors} CRC errors, " +
                             $"{counters.MalformedReplies} malformed in total)");
            }
        }
        if (_imuPort is not null && ImuCounters.ConsecutiveFailures > _options.MaxConsecutiveFailures)
        {
            problems.Add($"IMU (bus {_config.Imu.Bus} on {_imuPort.Port}, ID {_config.Imu.DeviceId}): " +
                         $"{ImuCounters.ConsecutiveFailures} failures in a row");
        }
        problems.AddRange(_ports.Where(port => port.Failure is not null).Select(port => $"port {port.Port}: {port.Failure!.Message}"));
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    public void Configure()
    {
        if (IsConfigured) throw new InvalidOperationException("the dynamixel backend is already configured");
        double[] torqueConstants;
        try
        {
            torqueConstants = TorqueConstants.Resolve(_config, _options.TorqueConstantsNmPerA);
        }
        catch (ArgumentException exception)
        {
            throw new HardwareConfigurationException(exception.Message, exception);
        }
        var buses = _config.Buses.Select(bus => bus with { Port = PortOverride(bus) }).ToArray();
        var configForWiring = _config with { Buses = [.. buses] };
        _joints = JointWiring.FromConfig(configForWiring, torqueConstants);
        var ports = new List<BusPort>();
        try
        {
            var problems = new List<string>();
            foreach (var portBuses in buses.GroupBy(bus => bus.Port))
            {
                var port = OpenPort(portBuses.Key, [.. portBuses], problems);
                if (port is not null) ports.Add(port);
            }
            if (problems.Count > 0) throw Mismatch(problems);
            _ports = [.. ports];
            MapJoints();
            _workers = [.. _ports.Skip(1).Select(port => new BusWorker(port))];
        }
        catch
        {
            foreach (var port in ports) port.Dispose();
            _ports = [];
            throw;
        }
    }

    public void Activate()
    {
        if (!IsConfigured) throw NotConfigured();
        var problems = new List<string>();
        foreach (var port in _ports)
        {
            foreach (var group in port.Groups)
            {
                for (var slot = 0; slot < group.Joints.Length; slot++)
                {
                    var joint = group.Joints[slot];
                    var table = joint.Model.ControlTable;
                    // A tripped watchdog keeps Goal Current read-only until it is written 0.
                    WriteRegister(port, joint, table.BusWatchdog, 0, "Bus Watchdog", problems);
                    group.GoalCurrent.SetInt16(slot, 0);
                }
                port.Bus.SyncWrite(group.GoalCurrent);
                foreach (var joint in group.Joints)
                {
                    WriteRegister(port, joint, joint.Model.ControlTable.TorqueEnable, 1, "Torque Enable = 1", problems);
                    if (_options.BusWatchdogMs > 0)
                    {
                        WriteRegister(
                            port, joint, joint.Model.ControlTable.BusWatchdog, _options.BusWatchdogMs / BusWatchdogUnitMs, "Bus Watchdog",
                            problems);
                    }
                }
            }
        }
        if (problems.Count > 0)
        {
            Deactivate();
            throw new HardwareConfigurationException(
                $"{_config.SourcePath}: activating the motors failed:{Environment.NewLine}  " +
                $"{string.Join($"{Environment.NewLine}  ", problems)}");
        }
        _active = true;
    }

    public void Deactivate()
    {
        _active = false;
        foreach (var port in _ports)
        {
            foreach (var group in port.Groups)
            {
                for (var slot = 0; slot < group.Joints.Length; slot++) group.TorqueEnable.DataAt(slot)[0] = 0;
                try
                {
                    port.Bus.SyncWrite(group.TorqueEnable);
                }
                catch (IOException)
                {
                    // Best effort on every port: a dead adapter must not stop the others from going limp.
                }
            }
        }
    }

    public bool Read(SensorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!IsConfigured) throw NotConfigured();
        foreach (var worker in _workers) worker.StartRead();
        _ports[0].ReadCycle();
        foreach (var worker in _workers) worker.WaitDone();

        var ok = true;
        foreach (var port in _ports) ok &= port.Failure is null;
        for (var joint = 0; joint < _joints.Length; joint++)
        {
            var group = _jointGroup[joint]!;
            var slot = _jointSlot[joint];
            var wiring = _joints[joint];
            if (group.State.ResultAt(slot).IsOk)
            {
                var table = group.Table;
                _positionRad[joint] = wiring.Calibration.AngleRad(group.State.GetInt32(slot, table.PresentPosition.Address));
                _velocityRadPerS[joint] = wiring.Calibration.VelocityRadPerS(group.State.GetInt32(slot, table.PresentVelocity.Address));
                _torqueNm[joint] = wiring.Calibration.TorqueNm(group.State.GetInt16(slot, table.PresentCurrent.Address));
            }
            ok &= _jointPort[joint]!.Bus.Counters[wiring.MotorId].ConsecutiveFailures <= _options.MaxConsecutiveFailures;
        }
        var imuPort = _imuPort!;
        if (imuPort.ImuOk) UpdateImu(imuPort.ImuBlock);
        ok &= ImuCounters.ConsecutiveFailures <= _options.MaxConsecutiveFailures;

        _positionRad.CopyTo(frame.JointPositionRad, 0);
        _velocityRadPerS.CopyTo(frame.JointVelocityRadPerS, 0);
        _torqueNm.CopyTo(frame.JointTorqueNm, 0);
        _imuQuaternion.CopyTo(frame.ImuQuaternion, 0);
        _gyroRadPerS.CopyTo(frame.GyroRadPerS, 0);
        _accelMPerS2.CopyTo(frame.AccelMPerS2, 0);
        frame.TimestampNs = (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
        if (!ok) FailedReads++;
        return ok;
    }

    public bool Write(ReadOnlySpan<double> torqueNm, bool torqueEnabled)
    {
        if (!IsConfigured) throw NotConfigured();
        if (torqueNm.Length != JointCount)
            throw new ArgumentException($"expected {JointCount} torques, got {torqueNm.Length}", nameof(torqueNm));
        var ok = true;
        for (var joint = 0; joint < _joints.Length; joint++)
        {
            var wiring = _joints[joint];
            var torque = torqueEnabled && _active && double.IsFinite(torqueNm[joint])
                ? Math.Clamp(torqueNm[joint], -wiring.TorqueLimitNm, wiring.TorqueLimitNm)
                : 0;
            _jointGroup[joint]!.GoalCurrent.SetInt16(_jointSlot[joint], wiring.Calibration.GoalCurrentUnits(torque));
            ok &= _jointPort[joint]!.Bus.Counters[wiring.MotorId].ConsecutiveFailures <= _options.MaxConsecutiveFailures;
        }
        foreach (var port in _ports)
        {
            port.WriteCycle();
            ok &= port.Failure is null;
        }
        ok &= ImuCounters.ConsecutiveFailures <= _options.MaxConsecutiveFailures;
        if (!ok) FailedWrites++;
        return ok;
    }

    public void Dispose()
    {
        Deactivate();
        foreach (var worker in _workers) worker.Dispose();
        foreach (var port in _ports) port.Dispose();
        _workers = [];
        _ports = [];
    }

    private string PortOverride(BusConfig bus) =>
        _options.PortOverrides is { } overrides && overrides.TryGetValue(bus.Name, out var port) ? port : bus.Port;

    private BusPort? OpenPort(string portPath, BusConfig[] buses, List<string> problems)
    {
        var busNames = string.Join("+", buses.Select(bus => bus.Name));
        if (buses.Select(bus => bus.BaudRate).Distinct().Count() > 1)
        {
            problems.Add($"buses {busNames} share port {portPath} but ask for different baud rates " +
                         $"({string.Join(", ", buses.Select(bus => $"{bus.Name}: {bus.BaudRate}"))})");
            return null;
        }
        var names = buses.Select(bus => bus.Name).ToHashSet();
        var joints = _joints.Where(joint => names.Contains(joint.Bus.Name)).ToArray();
        foreach (var duplicate in joints.GroupBy(joint => joint.MotorId).Where(group => group.Count() > 1))
        {
            problems.Add(
                $"ID {duplicate.Key} is used by {string.Join(" and ", duplicate.Select(joint => joint.JointName))} on port {portPath}");
        }
        var hasImu = names.Contains(_config.Imu.Bus);
        if (joints.Length == 0 && !hasImu) return null;
        DynamixelBus bus;
        try
        {
            var transport = Serial.SerialTransports.Open(portPath, buses[0].BaudRate, _options.Transport);
            bus = new DynamixelBus(transport, new DynamixelBusOptions { ReplyTimeoutMarginMs = _options.ReplyTimeoutMarginMs });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            problems.Add($"bus {busNames}: {exception.Message}");
            return null;
        }
        var fastFirmware = joints.ToDictionary(joint => joint.JointIndex, _ => true);
        foreach (var joint in joints)
        {
            var result = SetupRetries.Ping(bus, joint.MotorId, out var reply);
            if (!result.IsOk)
            {
                problems.Add($"{joint.Describe()}: no answer to Ping " +
                             $"({result.Status}{(result.Status == TransferStatus.DeviceError ? $", {result.Error}" : "")}); " +
                             $"expected a {joint.Model.Name}");
                continue;
            }
            if (reply.ModelNumber != joint.Model.ModelNumber)
            {
                var found = MotorModelCatalog.Find(reply.ModelNumber)?.Name ?? "unknown model";
                problems.Add($"{joint.Describe()}: answers as model {reply.ModelNumber} ({found}), " +
                             $"the config says {joint.Model.Name} ({joint.Model.ModelNumber})");
                continue;
            }
            if (result.HardwareAlert)
                problems.Add($"{joint.Describe()}: reports a hardware error " +
                             "(Alert bit; read Hardware Error Status, reboot or power-cycle the motor)");
            fastFirmware[joint.JointIndex] = reply.Firmware >= joint.Model.MinFastSyncReadFirmware;
            WriteRegister(bus, joint, joint.Model.ControlTable.TorqueEnable, 0, "Torque Enable = 0", problems);
            WriteRegister(bus, joint, joint.Model.ControlTable.ReturnDelayTime, 0, "Return Delay Time = 0", problems);
            WriteRegister(bus, joint, joint.Model.ControlTable.OperatingMode, 0, "Operating Mode = 0 (current)", problems);
        }
        byte? imuId = null;
        if (hasImu)
        {
            imuId = (byte)_config.Imu.DeviceId;
            var result = SetupRetries.Ping(bus, imuId.Value, out var reply);
            var where = $"IMU (bus {_config.Imu.Bus} on {portPath}, ID {imuId})";
            if (!result.IsOk)
                problems.Add($"{where}: no answer to Ping ({result.Status}); " +
                             $"expected an OpenCR IMU (model {OpenCrImuRegisters.ModelNumber})");
            else if (reply.ModelNumber != OpenCrImuRegisters.ModelNumber)
                problems.Add($"{where}: answers as model {reply.ModelNumber}, expected {OpenCrImuRegisters.ModelNumber} (OpenCR)");
        }
        // One group per control table; Fast Sync Read only when every motor of the group supports it.
        var groups = joints.GroupBy(joint => joint.Model.ControlTable)
            .Select(group => new MotorGroup([.. group], group.All(joint => fastFirmware[joint.JointIndex])))
            .ToArray();
        return new BusPort(portPath, busNames, bus, groups, imuId);
    }

    private void MapJoints()
    {
        _jointPort = new BusPort?[_joints.Length];
        _jointGroup = new MotorGroup?[_joints.Length];
        _jointSlot = new int[_joints.Length];
        foreach (var port in _ports)
        {
            foreach (var group in port.Groups)
            {
                for (var slot = 0; slot < group.Joints.Length; slot++)
                {
                    var joint = group.Joints[slot].JointIndex;
                    _jointPort[joint] = port;
                    _jointGroup[joint] = group;
                    _jointSlot[joint] = slot;
                }
            }
            if (port.ImuId is not null) _imuPort = port;
        }
        // Until the first good read the cached state is the zero pose and an upright, still IMU.
        _imuQuaternion = [1, 0, 0, 0];
        _gyroRadPerS = new double[3];
        _accelMPerS2 = [0, 0, OpenCrImuRegisters.StandardGravityMPerS2];
    }

    private void UpdateImu(ReadOnlySpan<byte> block)
    {
        var orientation = _imuMounting.BodyOrientation(OpenCrImuRegisters.Orientation(block));
        orientation.CopyTo(_imuQuaternion);
        _imuMounting.ToBody(OpenCrImuRegisters.GyroRadPerS(block)).CopyTo(_gyroRadPerS);
        _imuMounting.ToBody(OpenCrImuRegisters.AccelerationMPerS2(block)).CopyTo(_accelMPerS2);
    }

    private BusPort PortOf(int joint) => _jointPort.Length > joint ? _jointPort[joint]! : throw NotConfigured();

    private static void WriteRegister(
        BusPort port, JointWiring joint, ControlTableItem item, int value, string what, List<string> problems) =>
        WriteRegister(port.Bus, joint, item, value, what, problems);

    private static void WriteRegister(
        DynamixelBus bus, JointWiring joint, ControlTableItem item, int value, string what, List<string> problems)
    {
        Span<byte> data = stackalloc byte[item.SizeBytes];
        data.Clear();
        data[0] = (byte)value;
        var result = SetupRetries.Write(bus, joint.MotorId, item.Address, data);
        if (!result.IsOk)
            problems.Add($"{joint.Describe()}: writing {what} at address {item.Address} failed " +
                         $"({result.Status}{(result.Status == TransferStatus.DeviceError ? $", {result.Error}" : "")})");
    }

    private HardwareConfigurationException Mismatch(List<string> problems) =>
        new($"{_config.SourcePath}: the motors on the buses do not match the config:{Environment.NewLine}  " +
            $"{string.Join($"{Environment.NewLine}  ", problems)}");

    private static InvalidOperationException NotConfigured() => new("the dynamixel backend is not configured: call Configure() first");
}
