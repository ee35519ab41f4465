using System.Diagnostics;
using System.Globalization;

namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// The benchmark's side of `humanoid-rld-bench subscribers` (<see cref="TelemetrySubscribers"/>): starts it, asks for counts,
/// stops it.
/// </summary>
internal sealed class SubscriberProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(40);

    private readonly Process _process;

    private SubscriberProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <paramref name="count"/> StreamState subscribers to <paramref name="server"/> and waits until each has a message.
    /// With <paramref name="cpus"/> the process runs on those CPUs only (through taskset, so every thread of it does).
    /// </summary>
    public static async Task<SubscriberProcess> StartAsync(Uri server, string token, int count, IReadOnlyCollection<int>? cpus = null)
    {
        var (host, prefix) = ThisExecutable();
        var start = new ProcessStartInfo(cpus is null ? host : "taskset")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (cpus is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(CpuList.Format(cpus));
            start.ArgumentList.Add(host);
        }
        string[] arguments = ["subscribers", "--server", server.ToString(), "--count", count.ToString(CultureInfo.InvariantCulture)];
        foreach (var argument in prefix.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment[TelemetrySubscribers.TokenVariable] = token;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"bench loop: could not start {start.FileName}");
        }
        catch (System.ComponentModel.Win32Exception error) when (cpus is not null)
        {
            throw new InvalidOperationException("bench loop: could not start taskset (util-linux), which keeps the subscribers off the " +
                $"loop's CPU: {error.Message}", error);
        }
        var subscribers = new SubscriberProcess(process);
        try
        {
            using var timeout = new CancellationTokenSource(ReadyTimeout);
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line != "ready")
                throw new InvalidOperationException($"bench loop: the subscriber process said '{line ?? "nothing"}' instead of 'ready' " +
                    $"(exit code {(process.HasExited ? process.ExitCode : "none yet")})");
            return subscribers;
        }
        catch (OperationCanceledException)
        {
            subscribers.Dispose();
            throw new TimeoutException($"bench loop: the {count} subscribers received no telemetry within " +
                $"{ReadyTimeout.TotalSeconds:F0} s");
        }
        catch
        {
            subscribers.Dispose();
            throw;
        }
    }

    /// <summary>Messages the subscribers have received so far, all together.</summary>
    public async Task<long> CountAsync()
    {
        await _process.StandardInput.WriteLineAsync("count");
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync();
        return long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var received)
            ? received
            : throw new InvalidOperationException($"bench loop: the subscriber process answered '{line ?? "nothing"}' to 'count'");
    }

    /// <summary>Stops the subscribers; returns how many of them the daemon had dropped for falling behind.</summary>
    public async Task<int> StopAsync()
    {
        _process.StandardInput.Close();
        var line = await _process.StandardOutput.ReadLineAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return line is not null && line.StartsWith("dropped ", StringComparison.Ordinal)
            && int.TryParse(line["dropped ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var dropped)
            ? dropped
            : throw new InvalidOperationException($"bench loop: the subscriber process ended with '{line ?? "nothing"}' (exit code " +
                $"{_process.ExitCode})");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    /// <summary>How to run this executable again: the apphost alone, or `dotnet humanoid-rld-bench.dll`.</summary>
    private static (string Host, string[] Prefix) ThisExecutable()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("bench loop: the path of this process is unknown");
        var assembly = typeof(SubscriberProcess).Assembly.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? (host, [assembly]) : (host, []);
    }
}
