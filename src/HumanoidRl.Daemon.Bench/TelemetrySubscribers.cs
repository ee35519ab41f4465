using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// The benchmark's telemetry clients, run as `humanoid-rld-bench subscribers` in a process of their own, as remote
/// clients would be: K StreamState streams at the loop rate. Their deserialization allocates, and in the daemon's
/// process the collections that causes would pause the loop thread, which a robot's remote clients never do.
/// Talks with the benchmark over lines: prints "ready" once every stream has a message, answers "count" with the
/// messages received so far, and on end of input stops, prints "dropped N" (streams the daemon dropped for falling
/// behind) and exits.
/// </summary>
public static class TelemetrySubscribers
{
    /// <summary>Environment variable that carries the bench token, so that it is not on a command line.</summary>
    public const string TokenVariable = "HUMANOIDRL_BENCH_TOKEN";

    public static async Task<int> RunAsync(Uri server, int count, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var token = Environment.GetEnvironmentVariable(TokenVariable) ?? throw new InvalidOperationException($"{TokenVariable} is not set");
        using var stop = new CancellationTokenSource();
        var counts = new long[count];
        var channels = Enumerable.Range(0, count).Select(_ => Channel(server, token)).ToList();
        var readers = channels.Select((channel, i) => ReadAsync(new V1.Telemetry.TelemetryClient(channel), counts, i, stop.Token)).ToList();
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Enumerable.Range(0, count).Any(i => Volatile.Read(ref counts[i]) == 0) && !readers.Any(r => r.IsCompleted))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("subscribers: the streams received nothing within 30 s");
                await Task.Delay(5);
            }
            await output.WriteLineAsync("ready");
            await output.FlushAsync();
            // Console.In reads synchronously even through ReadLineAsync: on a thread-pool thread that blocking read starved
            // the streams' continuations for 0.5-1 s at a time (the pool adds threads slowly), and the daemon dropped them.
            await Task.Factory.StartNew(() => AnswerCounts(input, output, counts), CancellationToken.None, TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
        finally
        {
            await stop.CancelAsync();
            var dropped = (await Task.WhenAll(readers)).Count(slow => slow);
            foreach (var channel in channels) channel.Dispose();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"dropped {dropped}"));
            await output.FlushAsync();
        }
        return 0;
    }

    /// <summary>Answers each "count" line with the messages received so far, until the parent closes stdin.</summary>
    private static void AnswerCounts(TextReader input, TextWriter output, long[] counts)
    {
        while (input.ReadLine() is { } line)
        {
            if (line != "count") continue;
            output.WriteLine(Enumerable.Range(0, counts.Length).Sum(i => Volatile.Read(ref counts[i]))
                .ToString(CultureInfo.InvariantCulture));
            output.Flush();
        }
    }

    private static GrpcChannel Channel(Uri address, string token)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    /// <summary>Counts the stream's messages; true when the daemon dropped it for falling behind (a loaded machine).</summary>
    private static async Task<bool> ReadAsync(V1.Telemetry.TelemetryClient client, long[] counts, int index, CancellationToken stop)
    {
        try
        {
            using var call = client.StreamState(new V1.StreamStateRequest(), cancellationToken: stop);
            while (await call.ResponseStream.MoveNext(stop)) Interlocked.Increment(ref counts[index]);
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.ResourceExhausted)
        {
            return true;
        }
        catch (RpcException) when (stop.IsCancellationRequested)
        {
            // Cancelling a stream can surface as Cancelled or, when the connection closes first, as Unavailable.
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        return false;
    }
}
