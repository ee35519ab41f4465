using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using HumanoidRl.Daemon.Tests.Config;

namespace HumanoidRl.Daemon.Tests.Hosting;

public sealed class DaemonHostTests
{
    [Fact]
    public async Task Health_check_answers_serving_without_a_token()
    {
        await using var daemon = await RunningDaemon.StartAsync();

        var response = await new Health.HealthClient(daemon.Channel()).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_humanoid_services_health_and_reflection()
    {
        await using var daemon = await RunningDaemon.StartAsync();
        var client = new ServerReflection.ServerReflectionClient(daemon.Channel());

        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
    }

    [Fact]
    public async Task Tls_with_a_generated_certificate_serves_a_client_that_pins_it()
    {
        await using var daemon = await RunningDaemon.StartAsync(tls: true);

        var response = await new Health.HealthClient(daemon.Channel()).CheckAsync(new HealthCheckRequest());

        Assert.Equal("https", daemon.Address.Scheme);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Tls_refuses_a_client_that_does_not_trust_the_certificate()
    {
        await using var daemon = await RunningDaemon.StartAsync(tls: true);
        using var untrusting = Grpc.Net.Client.GrpcChannel.ForAddress(daemon.Address);

        var error = await Assert.ThrowsAsync<RpcException>(
            async () => await new Health.HealthClient(untrusting).CheckAsync(new HealthCheckRequest()));

        var causes = new List<Exception>();
        for (var cause = error.Status.DebugException; cause is not null; cause = cause.InnerException) causes.Add(cause);
        Assert.Contains(causes, cause => cause is System.Security.Authentication.AuthenticationException);
    }

    [Fact]
    public async Task Stopping_the_host_takes_a_standing_robot_to_damping_then_turns_torque_off()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000, simSpeed: "realtime");
        var admin = new DaemonClient(daemon.Channel(DaemonConfigText.AdminToken));
        var lease = await admin.Control.AcquireLeaseAsync(new HumanoidRl.Protocol.V1.AcquireLeaseRequest());
        await admin.StandUpAsync(lease.LeaseId);

        await daemon.StopAsync();

        var modes = new List<HumanoidRl.Control.Controller.ControllerEvent>();
        long next = 0;
        daemon.Robot.Controller.Events.ReadFrom(ref next, modes);
        Assert.Equal(HumanoidRl.Control.Modes.ControlMode.Damping, modes[^1].To);
        Assert.Equal(HumanoidRl.Control.Modes.ControlMode.StandUp, modes[^1].From);
        Assert.False(daemon.Backend.LastWriteTorqueEnabled);
    }

    [Fact]
    public async Task A_dead_control_loop_stops_the_daemon_with_torque_off()
    {
        await using var daemon = await RunningDaemon.StartAsync();
        var stopped = new TaskCompletionSource();
        using var registration = daemon.Stopping.Register(() => stopped.SetResult());

        daemon.Backend.ThrowOnRead = true;
        await stopped.Task.WaitAsync(DaemonClient.Patience);

        Assert.IsType<InvalidOperationException>(daemon.Robot.Controller.LoopFailure);
        Assert.False(daemon.Backend.LastWriteTorqueEnabled);
    }
}
