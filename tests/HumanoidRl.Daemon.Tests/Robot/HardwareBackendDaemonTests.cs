using HumanoidRl.Core.Robot;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;
using HumanoidRl.Daemon.Robot;
using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Hosting;
using HumanoidRl.Hardware.VirtualBus;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Robot;

public sealed class HardwareBackendDaemonTests
{
    /// <summary>
    /// The simulated robot served as Dynamixel devices on a pseudo-terminal (what `humanoid-rl sim serve-bus`
    /// runs), driven by the daemon's hardware backend: the serial path end to end.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Daemon_with_the_hardware_backend_stands_the_simulated_robot_up_over_a_serial_device()
    {
        using var folder = new TempFolder();
        var link = Path.Combine(folder.Path, "ttyHRL0");
        var daemonText = DaemonConfigText.Valid(leaseWindowMs: 60_000).Replace("backend: simulator",
            $"backend: hardware\nhardware:\n  port_overrides: {{leg_left: {link}, leg_right: {link}, arms: {link}}}", StringComparison.Ordinal);
        var config = DaemonConfigLoader.Load(folder.File("daemon.yaml", daemonText));
        var robotConfig = RobotConfigLoader.Load(config.RobotConfigPath);
        using var plant = new MuJoCoRobotPlant(robotConfig);
        using var server = VirtualBusServer.Start(VirtualRobotBus.Create(robotConfig, plant), link);
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
            var status = await client.WaitForStatusAsync(s => s.Mode == V1.Mode.StandUp && s.Loop.Ticks > 1500, "three seconds of standing over the serial bus");

            Assert.Equal("dynamixel", status.Backend);
            Assert.Equal(V1.Mode.StandUp, status.Mode);
            Assert.Equal(0, status.Loop.BackendErrors);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
