using System.Diagnostics;
using HumanoidRl.Daemon.Tests.Config;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>
/// The real `humanoid-rl teleop` as a child process, its standard input redirected (non-interactive teleop reads
/// its keys from there). Uses the CLI built in the same configuration as these tests (the test project references
/// the CLI project for build order only).
/// </summary>
internal sealed class TeleopProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private TeleopProcess(Process process) => _process = process;

    /// <summary>Starts teleop against a plaintext loopback daemon (--insecure) with the given operator token.</summary>
    public static TeleopProcess Start(Uri server, string token)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[CliAssembly(), "teleop", "--server", server.ToString(), "--token", token, "--insecure"])
            start.ArgumentList.Add(argument);
        var teleop = new TeleopProcess(Process.Start(start)!);
        teleop._process.OutputDataReceived += (_, e) => teleop.Record(e.Data);
        teleop._process.ErrorDataReceived += (_, e) => teleop.Record(e.Data);
        teleop._process.BeginOutputReadLine();
        teleop._process.BeginErrorReadLine();
        return teleop;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What teleop printed so far (standard output and error), for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_lines) return string.Join('\n', _lines);
        }
    }

    /// <summary>Types the keys (see TeleopKeymap: 1 damping, 2 stand up, 3 policy, w +0.1 m/s forward).</summary>
    public void Press(string keys)
    {
        _process.StandardInput.Write(keys);
        _process.StandardInput.Flush();
    }

    /// <summary>Kills teleop as a crash or a lost laptop would: its heartbeats stop and the lease is never released.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
    }

    /// <summary>
    /// src/HumanoidRl.Cli/bin/&lt;configuration&gt;/&lt;framework&gt;/humanoid-rl.dll, the configuration and framework of these tests.
    /// </summary>
    private static string CliAssembly()
    {
        // Build output layout: <repo>/tests/HumanoidRl.Daemon.Tests/bin/<configuration>/<framework>/
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent?.Name ?? throw new InvalidOperationException($"no configuration folder above {here.FullName}");
        var path = Path.Combine(
            DaemonConfigText.RepositoryRoot(), "src", "HumanoidRl.Cli", "bin", configuration, here.Name, "humanoid-rl.dll");
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"humanoid-rl not built at {path}: build it with `dotnet build src/HumanoidRl.Cli -c {configuration}`", path);
        return path;
    }
}
