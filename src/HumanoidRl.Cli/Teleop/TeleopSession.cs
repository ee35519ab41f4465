using System.Globalization;
using Grpc.Core;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Cli.Teleop;

/// <summary>
/// One teleop session: takes the operator lease, keeps it with heartbeats every window/3, turns keys into
/// commands, shows a status line, and gives the lease back at the end (Esc, end of input or Ctrl+C).
/// </summary>
internal sealed class TeleopSession(
    V1.Control.ControlClient control, V1.Telemetry.TelemetryClient telemetry, TextWriter output, bool interactive)
{
    private readonly TeleopKeymap _keys = new();
    private readonly Lock _outputGate = new();
    private string _lastMessage = "";

    public async Task<int> RunAsync(IAsyncEnumerable<char> keys, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var lease = await control.AcquireLeaseAsync(
            new V1.AcquireLeaseRequest { ClientName = $"teleop@{Environment.MachineName}" }, cancellationToken: cancel);
        Write($"lease held by {lease.Holder} (window {lease.LeaseWindowMs} ms). {TeleopKeymap.Help}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var heartbeats = HeartbeatAsync(lease.LeaseId, TimeSpan.FromMilliseconds(lease.LeaseWindowMs / 3.0), stop.Token);
        var statusLine = interactive ? StatusLineAsync(stop.Token) : Task.CompletedTask;
        try
        {
            await foreach (var key in keys.WithCancellation(cancel))
            {
                var action = _keys.Press(key);
                if (action.Kind == TeleopActionKind.Quit) break;
                await ApplyAsync(lease.LeaseId, action, cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Ctrl+C: fall through to zero the command and release the lease.
        }
        await stop.CancelAsync();
        await Task.WhenAll(heartbeats, statusLine);
        await ApplyAsync(lease.LeaseId, new TeleopAction(TeleopActionKind.SetVelocity), CancellationToken.None);
        await control.ReleaseLeaseAsync(new V1.ReleaseLeaseRequest { LeaseId = lease.LeaseId });
        Write("lease released; velocity command zeroed");
        return 0;
    }

    /// <summary>Sends one action; refusals (illegal mode change, ...) are shown, not fatal.</summary>
    internal async Task ApplyAsync(string leaseId, TeleopAction action, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            switch (action.Kind)
            {
                case TeleopActionKind.SetVelocity:
                    var reply = await control.SetVelocityCommandAsync(new V1.SetVelocityCommandRequest
                    {
                        LeaseId = leaseId,
                        Command = new V1.VelocityCommand
                        {
                            VxMPerS = action.VxMPerS, VyMPerS = action.VyMPerS, YawRateRadPerS = action.YawRateRadPerS,
                        },
                    }, cancellationToken: cancel);
                    _keys.Applied(reply.Applied);
                    Write(string.Create(CultureInfo.InvariantCulture,
                        $"velocity vx {reply.Applied.VxMPerS:F2} m/s, vy {reply.Applied.VyMPerS:F2} m/s, " +
                        $"yaw {reply.Applied.YawRateRadPerS:F2} rad/s{(reply.Clamped ? " (clamped)" : "")}"));
                    break;
                case TeleopActionKind.Stop:
                    await control.SetVelocityCommandAsync(
                        new V1.SetVelocityCommandRequest { LeaseId = leaseId, Command = new V1.VelocityCommand() },
                        cancellationToken: cancel);
                    await SetModeAsync(leaseId, action.Mode, cancel);
                    break;
                case TeleopActionKind.SetMode:
                    await SetModeAsync(leaseId, action.Mode, cancel);
                    break;
                case TeleopActionKind.EStop:
                    await control.EStopAsync(new V1.EStopRequest(), cancellationToken: cancel);
                    Write("E-STOP sent: torque off, latched (c clears the fault, then 1 or 0)");
                    break;
                case TeleopActionKind.ClearFault:
                    await control.ClearFaultAsync(new V1.ClearFaultRequest { LeaseId = leaseId }, cancellationToken: cancel);
                    Write("fault cleared");
                    break;
            }
        }
        catch (RpcException refused) when (refused.StatusCode is StatusCode.FailedPrecondition or StatusCode.InvalidArgument)
        {
            Write($"refused: {refused.Status.Detail}");
        }
    }

    private async Task SetModeAsync(string leaseId, V1.Mode mode, CancellationToken cancel)
    {
        var reply = await control.SetModeAsync(new V1.SetModeRequest { LeaseId = leaseId, Mode = mode }, cancellationToken: cancel);
        Write($"mode -> {reply.Mode}");
    }

    private async Task HeartbeatAsync(string leaseId, TimeSpan period, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                await control.HeartbeatAsync(new V1.HeartbeatRequest { LeaseId = leaseId }, cancellationToken: stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
        {
        }
    }

    private async Task StatusLineAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var status = await telemetry.GetStatusAsync(new V1.GetStatusRequest(), cancellationToken: stop);
                var fault = status.Fault.Length == 0 ? "" : $"  fault: {status.Fault}";
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{status.Mode,-14} cmd vx {status.Command.VxMPerS:F2} vy {status.Command.VyMPerS:F2} " +
                    $"yaw {status.Command.YawRateRadPerS:F2}  ticks {status.Loop.Ticks}{fault}  | {_lastMessage}");
                // One terminal line, overwritten in place: padded to clear the previous one, cut to stay on one line.
                var shown = line.Length > 200 ? line[..200] : line.PadRight(120);
                lock (_outputGate) output.Write("\r" + shown);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
        {
        }
    }

    private void Write(string message)
    {
        _lastMessage = message;
        if (interactive) return;
        lock (_outputGate) output.WriteLine(message);
    }
}
