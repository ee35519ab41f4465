using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using HumanoidRl.Cli.Teleop;
using Spectre.Console;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Cli.Monitor;

/// <summary>`humanoid-rl monitor`: a live terminal dashboard of humanoid-rld (viewer role is enough).</summary>
internal static class MonitorCommand
{
    /// <summary>State messages per second the dashboard asks for: enough to read, cheap for the daemon.</summary>
    private const double StateRateHz = 10;

    public static Command Create()
    {
        var connection = new DaemonConnection();
        var once = new Option<bool>("--once") { Description = "Print one status snapshot and exit." };
        var json = new Option<bool>("--json") { Description = "With --once: print the status as one JSON object (protobuf JSON names)." };
        var command = new Command(
            "monitor", "Live dashboard of humanoid-rld: mode, loop rate, jitter, overruns, roll/pitch, joint torques, faults.")
        {
            once, json,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                using var channel = connection.Open(parse);
                var telemetry = new V1.Telemetry.TelemetryClient(channel);
                if (parse.GetValue(once)) return await PrintOnceAsync(telemetry, parse.GetValue(json), cancel);
                await RunLiveAsync(telemetry, cancel);
                return 0;
            }
            catch (Exception error) when (error is RpcException or ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"monitor: {connection.Describe(error, parse)}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> PrintOnceAsync(V1.Telemetry.TelemetryClient telemetry, bool json, CancellationToken cancel)
    {
        var status = await telemetry.GetStatusAsync(new V1.GetStatusRequest(), cancellationToken: cancel);
        if (json) Console.WriteLine(new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(true)).Format(status));
        else AnsiConsole.Write(MonitorView.Render(status, null));
        return 0;
    }

    /// <summary>Redraws until Ctrl+C: status polled 4 times a second, state streamed at <see cref="StateRateHz"/>.</summary>
    public static async Task RunLiveAsync(V1.Telemetry.TelemetryClient telemetry, CancellationToken cancel, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (duration is { } limit) stop.CancelAfter(limit);
        V1.RobotState? latest = null;
        using var states = telemetry.StreamState(new V1.StreamStateRequest { RateHz = StateRateHz }, cancellationToken: stop.Token);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var state in states.ResponseStream.ReadAllAsync(stop.Token)) Volatile.Write(ref latest, state);
            }
            catch (Exception error) when (error is OperationCanceledException
                || (error is RpcException { StatusCode: StatusCode.Cancelled } && stop.IsCancellationRequested))
            {
            }
        }, CancellationToken.None);
        var status = await telemetry.GetStatusAsync(new V1.GetStatusRequest(), cancellationToken: stop.Token);
        await AnsiConsole.Live(MonitorView.Render(status, null)).StartAsync(async live =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    status = await telemetry.GetStatusAsync(new V1.GetStatusRequest(), cancellationToken: stop.Token);
                    live.UpdateTarget(MonitorView.Render(status, Volatile.Read(ref latest)));
                }
            }
            catch (Exception error) when (error is OperationCanceledException
                || (error is RpcException { StatusCode: StatusCode.Cancelled } && stop.IsCancellationRequested))
            {
            }
        });
        await reader;
    }
}
