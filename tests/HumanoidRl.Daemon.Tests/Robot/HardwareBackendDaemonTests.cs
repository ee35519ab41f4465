using HumanoidRl.Core.Robot;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;
using HumanoidRl.Daemon.Robot;
using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Hosting;
using HumanoidRl.Hardware.Virtual;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Robot;

public sealed class HardwareBackendDaemonTests
{
    /// <summary>
    /// The simulated robot served as Dynamixel devices on one pseudo-terminal per configured bus, all on one MuJoCo
    /// model (what `humanoid-rl sim serve-bus` runs, with its PREFIX-&lt;bus&gt; links), driven by the daemon's
    /// hardware backend: the serial path end to end, the three ports read in parallel.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Daemon_with_the_hardware_backend_stands_the_simulated_robot_up_over_a_serial_device_per_bus()
    {
        using var folder = new TempFolder();
        string LinkOf(string bus) => Path.Combine(folder.Path, $"ttyHRL-{bus}");
        var daemonText = DaemonConfigText.Valid(leaseWindowMs: 60_000).Replace("backend: simulator",
            $"backend: hardware\nhardware:\n  reply_timeout_margin_ms: 50\n  port_overrides:\n" +
            $"    leg_left: {LinkOf("leg_left")}\n    leg_right: {LinkOf("leg_right")}\n    arms: {LinkOf("arms")}",
            StringComparison.Ordinal);
        var config = DaemonConfigLoader.Load(folder.File("daemon.yaml", daemonText));
        var robotConfig = RobotConfigLoader.Load(config.RobotConfigPath);
        using var plant = new MuJoCoRobotPlant(robotConfig);
        using var servers = VirtualRobotServers.Start(VirtualRobotBus.CreatePerBus(robotConfig, plant), LinkOf);
        Assert.All(servers.PortOverrides, pair => Assert.Equal(pair.Value, config.Hardware.PortOverrides[pair.Key]));
        using var robot = DaemonRobot.Create(config);
        await using var app = DaemonHost.Build(config, ListenEndpoint.Resolve(config, insecureLoopback: true), robot);
        await app.StartAsync();
        try
        {
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(app.Urls.First(), new Grpc.Net.Client.GrpcChannelOptions
            {
                Credentials = Grpc.Core.ChannelCredentials.Create(Grpc.Core.ChannelCredentials.Insecure,
                    Grpc.Core.CallCredentials.FromInterceptor((_, metadata) =>
                    {
                        metadata.Add("authorization", $"Bearer {DaemonConfigText.OperatorToken}");
                        return Task.CompletedTask;
                    })),
                UnsafeUseInsecureChannelCallCredentials = true,
            });
            var client = new DaemonClient(channel);
            var lease = await client.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest { ClientName = "test" });

            await client.StandUpAsync(lease.LeaseId);
            var status = await client.WaitForStatusAsync(
                s => s.Mode == V1.Mode.StandUp && s.Loop.Ticks > 1500, "three seconds of standing over the serial bus");

            Assert.Equal("dynamixel", status.Backend);
            Assert.Equal(V1.Mode.StandUp, status.Mode);
            // Still standing means the safety layer never saw a run of failed cycles. The 50 ms reply margin (5 ms by
            // default) lets an emulator thread that a loaded 2-core machine preempts answer late without failing the
            // cycle (the loop overruns instead); an odd failed cycle may remain, more than 1 % would be a real fault.
            Assert.True(status.Loop.BackendErrors * 100 < status.Loop.Ticks,
                $"{status.Loop.BackendErrors} backend errors in {status.Loop.Ticks} ticks");
            Assert.All(servers.Servers,
                served => Assert.True(served.Server.Bus.RequestsHandled > 0, $"no request on bus {served.BusName}"));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
