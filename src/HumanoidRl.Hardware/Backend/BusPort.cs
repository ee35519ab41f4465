using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Imu;

namespace HumanoidRl.Hardware.Backend;

/// <summary>
/// One serial port and what the backend does on it each cycle. Configured buses that name the same port share
/// one <see cref="BusPort"/>; each port is owned by one thread at a time.
/// </summary>
internal sealed class BusPort : IDisposable
{
    private readonly byte[] _imuBlock = new byte[OpenCrImuRegisters.BlockBytes];

    public BusPort(string port, string busNames, DynamixelBus bus, MotorGroup[] groups, byte? imuId)
    {
        Port = port;
        BusNames = busNames;
        Bus = bus;
        Groups = groups;
        ImuId = imuId;
    }

    public string Port { get; }

    /// <summary>The configured bus names on this port, for messages.</summary>
    public string BusNames { get; }

    public DynamixelBus Bus { get; }

    public MotorGroup[] Groups { get; }

    public byte? ImuId { get; }

    public ReadOnlySpan<byte> ImuBlock => _imuBlock;

    public bool ImuOk { get; private set; }

    /// <summary>A serial error of the last cycle (the device is gone); null when the cycle ran.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Fast Sync Read of every group, then the IMU block.</summary>
    public void ReadCycle()
    {
        try
        {
            foreach (var group in Groups) Bus.SyncRead(group.State);
            if (ImuId is { } imu) ImuOk = Bus.Read(imu, OpenCrImuRegisters.BlockAddress, _imuBlock).IsOk;
            Failure = null;
        }
        catch (IOException exception)
        {
            ImuOk = false;
            Failure = exception;
        }
    }

    public void WriteCycle()
    {
        try
        {
            foreach (var group in Groups) Bus.SyncWrite(group.GoalCurrent);
            Failure = null;
        }
        catch (IOException exception)
        {
            Failure = exception;
        }
    }

    public void Dispose() => Bus.Dispose();
}
