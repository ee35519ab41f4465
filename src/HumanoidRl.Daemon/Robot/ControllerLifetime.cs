using HumanoidRl.Control.Controller;

namespace HumanoidRl.Daemon.Robot;

/// <summary>
/// Starts the control loop with the host and, on shutdown (SIGTERM, Ctrl+C), takes the robot to Damping for a
/// moment, then turns torque off before the process exits. If the loop thread dies (it has already turned
/// torque off), the daemon stops too, so systemd restarts it instead of serving a dead loop.
/// </summary>
public sealed class ControllerLifetime(RobotController controller, IHostApplicationLifetime host,
    ILogger<ControllerLifetime> log) : BackgroundService
{
    /// <summary>How long Damping acts before torque goes off: enough to slow moving joints, short of systemd's stop timeout.</summary>
    public static readonly TimeSpan DampingTime = TimeSpan.FromMilliseconds(500);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            controller.Start();
        }
        catch (HumanoidRl.Hardware.Backend.HardwareConfigurationException error)
        {
            // Missing or wrong motors: the robot cannot be driven; say which ones and do not serve.
            throw new Hosting.DaemonStartupException(error.Message, error);
        }
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await controller.StopAsync(DampingTime);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (controller.LoopFailure is not { } failure) continue;
                log.LogCritical(failure, "the control loop died (torque is off); stopping the daemon");
                host.StopApplication();
                return;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }
}
