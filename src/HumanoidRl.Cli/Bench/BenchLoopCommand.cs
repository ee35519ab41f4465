using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HumanoidRl.Cli.Common;

namespace HumanoidRl.Cli.Bench;

/// <summary>
/// `bench loop`: the control loop benchmark of humanoid-rld (real loop, simulator backend, ONNX policy, K gRPC
/// telemetry subscribers, against a bare clock_nanosleep loop taking turns with it and a reference ONNX Runtime
/// call). The loop and its gRPC services live in the daemon and the benchmark in humanoid-rld-bench, which this CLI
/// must not link (docs/ARCHITECTURE.md), so it runs `humanoid-rld-bench loop` as a child process and passes its stdout
/// (the figures) and stderr (progress) through unchanged.
/// </summary>
internal static class BenchLoopCommand
{
    public const string FigureDefinitions =
        "Figures: loop_jitter_* = wake-up lateness of the control loop against its absolute deadlines; bare_jitter_* = the same for a " +
        "bare clock_nanosleep loop at the same period. The two take turns (slices = how many turns each, slice_ms = their length) so " +
        "that both see the same host noise: during the bare loop's turns the control loop is held between two ticks (it does not run; " +
        "the subscribers stay connected) and on resume it starts from fresh deadlines, so the pause is neither jitter nor overruns. " +
        "Every loop figure (jitter, compute, inference, prewarm, backend, alloc_bytes_per_tick, overruns, ticks, the telemetry rate) " +
        "covers the loop's turns only, seconds = their total. jitter_ratio = loop_jitter_p99_us / bare_jitter_p99_us. " +
        "compute_* = the controller's own work per tick, what runs on the robot computer whatever the backend (observation, policy " +
        "inference, action mapping, safety checks and clamp, telemetry publish). inference_* = the policy's ONNX Runtime call alone " +
        "(a part of compute), on the ticks that run it (one in decimation). prewarm_* = the first warm-up call that " +
        "realtime.policy_prewarm_us runs before those ticks' deadlines (not part of compute; 0 when policy_prewarm_us is 0): what the " +
        "call costs when it comes cold; prewarm_repeats_per_inference_tick = further warm-up calls per inference tick, which keep the " +
        "call warm while one more at twice a warm call's cost still ends before the deadline; prewarm_past_deadline = first warm-up " +
        "calls that ended after their tick's deadline, making it late (raise the lead above them); prewarm_repeat_past_deadline = " +
        "inference ticks whose last repeat ended after the deadline (it took far longer than a warm call), making them late. " +
        "reference_inference_* = the same call measured last, on its own, for a minimal network of the same observation and action size " +
        "(one linear layer, same session options), once per policy period with the bare loop's pacing: ONNX Runtime's own cost per call " +
        "at that rate on this machine, whatever the network and the loop around it. backend_* = time per tick inside the backend's Read " +
        "and Write (here the simulator's MuJoCo physics, one mj_step per tick; on hardware the serial bus exchange). subscriber_cpus = " +
        "the CPUs the subscriber process may run on (with realtime.cpu_affinity set, every CPU but the loop's, as a robot's remote " +
        "clients are off the robot computer). loop_cpu_threads = the daemon's threads allowed on realtime.cpu_affinity's CPU at the end " +
        "(empty when it is not set): control-loop alone when the other threads were kept off it. alloc_bytes_per_tick = bytes the loop " +
        "thread allocated per tick while measured; overruns = missed ticks. policy_entry_jit_methods = methods the JIT compiled on the " +
        "loop thread from the switch to Policy mode through the 2 s before measuring, each costing its tick tens to hundreds of " +
        "microseconds (0: loading the policy compiled its calls). gc_collections, gc_pause_ms = garbage collections in the daemon " +
        "process during the loop's turns and the time they suspended its managed threads, the loop's included (the subscribers' gRPC " +
        "traffic allocates; the loop does not); daemon_alloc_kb_per_s = what the daemon's threads allocated per second of the loop's " +
        "turns, the garbage behind those collections; bare_gc_* = the same during the bare loop's turns.";

    public static Command Create()
    {
        var config = new Option<string>("--config")
        {
            Description = "Daemon config whose robot, lease and command ranges are used (listen, TLS and tokens are replaced by a " +
                "loopback bench setup).",
            DefaultValueFactory = _ => "robot-config/daemon.yaml",
        };
        var policy = new Option<FileInfo?>("--policy") { Description = "ONNX policy to run (default: a freshly initialized network of " +
            "the balance task's actor shape)." };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Measuring time of the loop and of the bare loop each (taking turns, see --slice-ms), then of the " +
                "reference inference (s, > 0).",
            DefaultValueFactory = _ => 10,
        };
        var slice = new Option<int>("--slice-ms")
        {
            Description = "Longest turn of the loop and of the bare loop (ms, > 0): they alternate, the loop held between two ticks " +
                "during the bare loop's turn, so that both see the same host noise; --seconds is cut into equal slices of at most this. " +
                "Shorter slices follow faster changes of the noise, but each resume starts the loop with cold caches.",
            DefaultValueFactory = _ => 500,
        };
        var subscribers = new Option<int>("--subscribers") { Description = "StreamState subscribers at the loop rate over gRPC on " +
            "loopback (>= 0).", DefaultValueFactory = _ => 8 };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout (progress goes to stderr). " +
            FigureDefinitions };
        var bench = new Option<string?>("--bench")
        {
            Description = "humanoid-rld-bench (executable or .dll) to run (default: next to this CLI, then the repository's " +
                "build output, then PATH).",
        };
        var command = new Command("loop", "Control loop: the real loop (simulator in real time, ONNX policy, K gRPC telemetry " +
            "subscribers) against a bare clock_nanosleep loop at the same period, the two taking turns, and a reference ONNX Runtime " +
            "call at the policy period; runs humanoid-rld-bench loop. Targets: alloc_bytes_per_tick 0, jitter_ratio <= 1.2 with 8 " +
            "subscribers at 500 Hz, compute_p99_us <= 50.")
        {
            config, policy, seconds, slice, subscribers, json, bench,
        };
        command.SetAction((parse, cancel) => RunAsync(parse, parse.GetValue(config)!, parse.GetValue(policy), parse.GetValue(seconds),
            parse.GetValue(slice), parse.GetValue(subscribers), parse.GetValue(json), parse.GetValue(bench), cancel));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string configPath, FileInfo? policy, double seconds, int sliceMs,
        int subscribers, bool json, string? benchPath, CancellationToken cancel)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (!(seconds > 0) || subscribers < 0)
        {
            await error.WriteLineAsync($"bench loop: --seconds must be > 0 (got {seconds.ToString(CultureInfo.InvariantCulture)}) and " +
                $"--subscribers >= 0 (got {subscribers})");
            return 2;
        }
        if (sliceMs <= 0)
        {
            await error.WriteLineAsync($"bench loop: --slice-ms must be > 0 (got {sliceMs})");
            return 2;
        }
        (string Program, string[] Arguments) bench;
        string config;
        try
        {
            config = RepositoryFiles.Resolve(configPath);
            if (policy is not null && !policy.Exists)
                throw new FileNotFoundException($"--policy: {policy.FullName}: policy file not found", policy.FullName);
            bench = BenchExecutable.Locate(benchPath);
        }
        catch (FileNotFoundException missing)
        {
            await error.WriteLineAsync($"bench loop: {missing.Message}");
            return 2;
        }

        var start = new ProcessStartInfo(bench.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in bench.Arguments) start.ArgumentList.Add(argument);
        string[] benchArguments =
        [
            "loop", "--config", config, "--seconds", seconds.ToString(CultureInfo.InvariantCulture),
            "--slice-ms", sliceMs.ToString(CultureInfo.InvariantCulture),
            "--subscribers", subscribers.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (var argument in benchArguments) start.ArgumentList.Add(argument);
        if (policy is not null)
        {
            start.ArgumentList.Add("--policy");
            start.ArgumentList.Add(policy.FullName);
        }
        if (json) start.ArgumentList.Add("--json");

        await error.WriteLineAsync($"bench loop: running {string.Join(' ', [bench.Program, .. bench.Arguments])} loop");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {bench.Program}");
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, error);
        try
        {
            await process.WaitForExitAsync(cancel);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the benchmark drives a simulated robot and a gRPC host; stop the child rather than orphan it.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(stdout, stderr);
            return 130;
        }
        await Task.WhenAll(stdout, stderr);
        return process.ExitCode;
    }

    private static async Task PumpAsync(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            await to.WriteLineAsync(line);
            await to.FlushAsync();
        }
    }
}
