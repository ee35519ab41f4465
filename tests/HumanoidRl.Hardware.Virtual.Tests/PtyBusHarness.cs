using HumanoidRl.Hardware.Dynamixel.Bus;
using HumanoidRl.Hardware.Motors;
using HumanoidRl.Hardware.Serial;

namespace HumanoidRl.Hardware.Virtual.Tests;

/// <summary>
/// A virtual bus (X-series motors at the given IDs + OpenCR IMU at 200, first-order plant) served on a real
/// pseudo-terminal pair, and a <see cref="DynamixelBus"/> talking to it through the Linux tty transport.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class PtyBusHarness : IDisposable
{
    public const int BaudRate = 1_000_000;

    /// <summary>Generous: the machine is shared and the emulator thread must get scheduled.</summary>
    public const int ReplyMarginMs = 300;

    public PtyBusHarness(params byte[] motorIds)
    {
        Motors = [.. motorIds.Select(id => new VirtualMotor(id, MotorModelCatalog.XM430W350))];
        Imu = new VirtualOpenCrImu();
        Plant = new FirstOrderMotorPlant(motorIds.Length, torqueConstantNmPerA: 1.78, inertiaKgM2: 1e-3, dampingNmsPerRad: 0.05);
        VirtualBus = new VirtualBus([.. Motors, Imu], Plant);
        Server = VirtualBusServer.Start(VirtualBus);
        Transport = LinuxSerialTransport.Open(Server.PortPath, BaudRate);
        Bus = new DynamixelBus(Transport, new DynamixelBusOptions { ReplyTimeoutMarginMs = ReplyMarginMs, ScanTimeoutMs = 500 });
    }

    public IReadOnlyList<VirtualMotor> Motors { get; }

    public VirtualOpenCrImu Imu { get; }

    public FirstOrderMotorPlant Plant { get; }

    public VirtualBus VirtualBus { get; }

    public VirtualBusServer Server { get; }

    public LinuxSerialTransport Transport { get; }

    public DynamixelBus Bus { get; }

    public void Dispose()
    {
        Bus.Dispose();
        Server.Dispose();
        Assert.Null(Server.Failure);
    }
}
