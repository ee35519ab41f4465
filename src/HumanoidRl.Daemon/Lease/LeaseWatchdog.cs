namespace HumanoidRl.Daemon.Lease;

/// <summary>Checks the lease for a lapse several times per window, so a vanished operator is noticed promptly.</summary>
public sealed class LeaseWatchdog(OperatorLease lease) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Max(lease.Window.Ticks / 5, TimeSpan.FromMilliseconds(10).Ticks));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) lease.CheckLapse();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }
}
