using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grpc.Core;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Cli.Teleop;

/// <summary>`humanoid-rl teleop`: drive the robot from the keyboard through humanoid-rld.</summary>
internal static class TeleopCommand
{
    public static Command Create()
    {
        var connection = new DaemonConnection();
        var command = new Command("teleop",
            "Keyboard teleop through humanoid-rld (holds the operator lease). " + TeleopKeymap.Help +
            ". Without a terminal, keys are read from standard input.");
        connection.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                using var channel = connection.Open(parse);
                var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
                var session = new TeleopSession(
                    new V1.Control.ControlClient(channel), new V1.Telemetry.TelemetryClient(channel), Console.Out, interactive);
                return await session.RunAsync(interactive ? TerminalKeys(cancel) : StreamKeys(Console.In, cancel), cancel);
            }
            catch (Exception error) when (error is RpcException or ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"teleop: {connection.Describe(error, parse)}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Key presses from the terminal, without echo.</summary>
    private static async IAsyncEnumerable<char> TerminalKeys([EnumeratorCancellation] CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            if (Console.KeyAvailable)
            {
                var key = Console.ReadKey(intercept: true);
                yield return key.Key == ConsoleKey.Escape ? '\u001b' : key.KeyChar;
            }
            else
            {
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Characters from a redirected input (scripts, tests); the session ends with the input. Console.In reads
    /// synchronously even through ReadAsync, so a blocked read would hold a thread-pool thread: on a 2-core
    /// machine the pool then starts more threads only every half second or so, and the heartbeats waiting behind it
    /// lose the lease. The input is read on its own thread instead.
    /// </summary>
    internal static async IAsyncEnumerable<char> StreamKeys(TextReader input, [EnumeratorCancellation] CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(input);
        var keys = Channel.CreateUnbounded<char>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
        var reader = new Thread(() =>
        {
            int read;
            while ((read = input.Read()) >= 0)
            {
                if (read is '\n' or '\r') continue;
                keys.Writer.TryWrite((char)read);
            }
            keys.Writer.TryComplete();
        })
        { IsBackground = true, Name = "teleop-stdin" };
        reader.Start();
        await foreach (var key in keys.Reader.ReadAllAsync(cancel)) yield return key;
    }
}
