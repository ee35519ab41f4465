using System.Text.Json;
using HumanoidRl.Cli.Tests.Motors;
using HumanoidRl.Control.Realtime;

namespace HumanoidRl.Cli.Tests.Bench;

public sealed class BenchLoopCommandTests
{
    private static readonly string[] CountKeys =
    [
        "ticks", "subscribers", "subscribers_dropped", "overruns", "bare_overruns", "slices", "gc_collections",
        "bare_gc_collections", "prewarm_past_deadline", "prewarm_repeat_past_deadline", "policy_entry_jit_methods",
        "daemon_alloc_kb_per_s",
    ];

    private static readonly string[] MicrosecondKeys =
    [
        "loop_jitter_p50_us", "loop_jitter_p99_us", "loop_jitter_max_us", "bare_jitter_p50_us", "bare_jitter_p99_us", "bare_jitter_max_us",
        "compute_p50_us", "compute_p99_us", "compute_max_us", "backend_p50_us", "backend_p99_us", "backend_max_us",
        "inference_p50_us", "inference_p99_us", "inference_max_us", "reference_inference_p50_us", "reference_inference_p99_us",
        "policy_prewarm_us", "prewarm_p50_us", "prewarm_p99_us",
    ];

    private const string ShippedAffinity = "\n  cpu_affinity: auto\n";

    [Fact]
    public void Bench_loop_prints_one_json_object_with_every_figure_on_stdout_and_progress_on_stderr()
    {
        using var config = ShippedConfigCopy(affinity: "-1");
        var (exitCode, stdout, stderr) = CliRunner.Run("bench", "loop", "--config", config.Path,
            "--seconds", "1", "--subscribers", "2", "--json");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:\n{stderr}");
        using var document = JsonDocument.Parse(stdout); // stdout holds the JSON object and nothing else
        var figures = document.RootElement;
        Assert.Equal(JsonValueKind.Object, figures.ValueKind);
        foreach (var key in CountKeys.Concat(MicrosecondKeys))
        {
            Assert.True(figures.TryGetProperty(key, out var value), $"missing {key} in {stdout}");
            Assert.True(value.TryGetInt64(out var number) && number >= 0, $"{key} = {value}: expected a whole number >= 0");
        }
        Assert.Equal(2, figures.GetProperty("subscribers").GetInt64());
        Assert.True(figures.GetProperty("ticks").GetInt64() > 0);
        Assert.Equal(500, figures.GetProperty("loop_rate_hz").GetDouble());
        // One second with the default 500 ms slices: the loop and the bare loop take two turns each.
        Assert.Equal(2, figures.GetProperty("slices").GetInt64());
        Assert.Equal(500, figures.GetProperty("slice_ms").GetDouble());
        // The loop's time and ticks leave out the bare loop's turns (then the loop is held): about 1 s, not 2, at no more
        // than the loop rate.
        var seconds = figures.GetProperty("seconds").GetDouble();
        Assert.InRange(seconds, 0.99, 1.5);
        Assert.True(
            figures.GetProperty("ticks").GetInt64() <= 500 * seconds * 1.05,
            $"{figures.GetProperty("ticks")} ticks in the loop's {seconds} s");
        Assert.True(figures.GetProperty("jitter_ratio").GetDouble() >= 0);
        Assert.True(figures.GetProperty("gc_pause_ms").GetDouble() >= 0 && figures.GetProperty("bare_gc_pause_ms").GetDouble() >= 0);
        Assert.True(
            figures.GetProperty("telemetry_messages_per_s_per_subscriber").GetDouble() > 0, "the subscribers received no telemetry");
        // Streaming reuses its messages and waiters: a new message per tick made about 600 KB/s of garbage with these 2
        // subscribers, whose collections pause the loop; now next to none (the count moves in 8 KB steps per thread).
        Assert.True(
            figures.GetProperty("daemon_alloc_kb_per_s").GetInt64() < 100,
            $"daemon_alloc_kb_per_s = {figures.GetProperty("daemon_alloc_kb_per_s")}");
        Assert.Equal(0, figures.GetProperty("alloc_bytes_per_tick").GetDouble());
        // A fresh daemon process: whatever entering Policy mode runs for the first time, the JIT compiles it on the loop thread
        // unless loading the policy compiled it before.
        Assert.Equal(0, figures.GetProperty("policy_entry_jit_methods").GetInt64());
        var (inferenceP50, inferenceP99, inferenceMax) =
            (Us(figures, "inference_p50_us"), Us(figures, "inference_p99_us"), Us(figures, "inference_max_us"));
        Assert.True(
            inferenceP50 > 0 && inferenceP50 <= inferenceP99 && inferenceP99 <= inferenceMax,
            $"inference p50/p99/max {inferenceP50}/{inferenceP99}/{inferenceMax} us");
        var (referenceP50, referenceP99) = (Us(figures, "reference_inference_p50_us"), Us(figures, "reference_inference_p99_us"));
        Assert.True(referenceP50 > 0 && referenceP50 <= referenceP99, $"reference inference p50/p99 {referenceP50}/{referenceP99} us");
        // robot-config/daemon.yaml warms the policy up before each inference tick.
        Assert.Equal(500, Us(figures, "policy_prewarm_us"));
        var (prewarmP50, prewarmP99) = (Us(figures, "prewarm_p50_us"), Us(figures, "prewarm_p99_us"));
        Assert.True(prewarmP50 > 0 && prewarmP50 <= prewarmP99, $"warm-up p50/p99 {prewarmP50}/{prewarmP99} us");
        Assert.True(figures.GetProperty("prewarm_repeats_per_inference_tick").GetDouble() >= 0);
        Assert.True(
            figures.GetProperty("policy_mode_throughout").GetBoolean(), $"the loop left Policy mode: {figures.GetProperty("last_fault")}");
        Assert.Equal("simulator", figures.GetProperty("backend").GetString());
        Assert.NotEmpty(figures.GetProperty("subscriber_cpus").GetString()!); // the copy pins nothing: wherever this process may run
        Assert.Equal("", figures.GetProperty("loop_cpu_threads").GetString());
        // Nothing pinned: the steal time is that of every CPU the daemon may use, as a share of their time in each loop's turns.
        Assert.Equal(figures.GetProperty("subscriber_cpus").GetString(), figures.GetProperty("steal_cpus").GetString());
        Assert.InRange(figures.GetProperty("loop_steal_pct").GetDouble(), 0, 100);
        Assert.InRange(figures.GetProperty("bare_steal_pct").GetDouble(), 0, 100);
        Assert.Contains(
            "bench-loop: measuring the loop with 2 subscribers and the bare clock_nanosleep loop in turns: 2 slices of 500 ms each",
            stderr, StringComparison.Ordinal);
        Assert.Contains("bench-loop: measuring the reference inference", stderr, StringComparison.Ordinal);
        // The clients run as a robot's remote ones do, outside the daemon's process and its garbage collector.
        Assert.Contains("bench-loop: 2 subscribers streaming in a separate process (pid ", stderr, StringComparison.Ordinal);
    }

    private static long Us(JsonElement figures, string key) => figures.GetProperty(key).GetInt64();

    [Theory]
    [InlineData("--seconds")]
    [InlineData("--slice-ms")]
    public void Bench_loop_refuses_a_non_positive_duration_or_slice_naming_the_option(string option)
    {
        var (exitCode, stdout, stderr) = CliRunner.Run("bench", "loop", option, "0", "--json");

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Contains($"{option} must be > 0 (got 0)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_loop_pinned_the_subscriber_process_and_every_other_daemon_thread_run_on_the_other_cpus()
    {
        using var pinned = ShippedConfigCopy(affinity: "1");
        var (exitCode, stdout, stderr) = CliRunner.Run(
            "bench", "loop", "--config", pinned.Path, "--seconds", "1", "--subscribers", "1", "--json");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:\n{stderr}");
        using var document = JsonDocument.Parse(stdout);
        var cpus = document.RootElement.GetProperty("subscriber_cpus").GetString()!.Split(',').Select(int.Parse).ToArray();
        Assert.NotEmpty(cpus);
        Assert.DoesNotContain(1, cpus);
        var realtime = document.RootElement.GetProperty("realtime").GetString();
        Assert.Contains("other threads kept off CPU 1: applied; CPU affinity 1: applied", realtime, StringComparison.Ordinal);
        // Read in the daemon process with the loop held after the last bare-loop turn: the gRPC, thread-pool, GC and
        // telemetry threads (some started after the loop) are all elsewhere.
        Assert.Equal("control-loop", document.RootElement.GetProperty("loop_cpu_threads").GetString());
        Assert.Equal("1", document.RootElement.GetProperty("steal_cpus").GetString());
    }

    [Fact]
    public void As_shipped_the_loop_takes_the_last_cpu_the_daemon_may_use_and_keeps_the_other_threads_off_it()
    {
        var expected = LoopCpuChoice.ForCurrentThread(); // the bench's processes inherit this process's CPUs
        var shipped = Path.Combine(CliRunner.RepositoryRoot, "robot-config", "daemon.yaml");
        Assert.Contains(ShippedAffinity, File.ReadAllText(shipped), StringComparison.Ordinal);

        var (exitCode, stdout, stderr) = CliRunner.Run(
            "bench", "loop", "--config", shipped, "--seconds", "1", "--subscribers", "1", "--json");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:\n{stderr}");
        using var document = JsonDocument.Parse(stdout);
        var realtime = document.RootElement.GetProperty("realtime").GetString();
        if (expected == LoopCpuChoice.None)
        {
            Assert.Contains("CPU affinity auto: refused", realtime, StringComparison.Ordinal);
            return;
        }
        Assert.Contains(
            $"other threads kept off CPU {expected}: applied; CPU affinity {expected} (auto): applied", realtime, StringComparison.Ordinal);
        Assert.Equal("control-loop", document.RootElement.GetProperty("loop_cpu_threads").GetString());
        var expectedText = expected.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expectedText, document.RootElement.GetProperty("steal_cpus").GetString());
        var cpus = document.RootElement.GetProperty("subscriber_cpus").GetString()!.Split(',').Select(int.Parse).ToArray();
        Assert.DoesNotContain(expected, cpus);
    }

    /// <summary>
    /// robot-config/daemon.yaml with its robot config path made absolute and cpu_affinity set to <paramref name="affinity"/>.
    /// </summary>
    private static TempConfig ShippedConfigCopy(string affinity)
    {
        var shipped = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, "robot-config", "daemon.yaml"));
        Assert.Contains(ShippedAffinity, shipped, StringComparison.Ordinal);
        var robot = Path.Combine(CliRunner.RepositoryRoot, "robot-config", "humanoid16.yaml");
        var text = shipped
            .Replace("\nrobot_config: humanoid16.yaml\n", $"\nrobot_config: {robot}\n", StringComparison.Ordinal)
            .Replace(ShippedAffinity, $"\n  cpu_affinity: {affinity}\n", StringComparison.Ordinal);
        return new TempConfig(text);
    }

    private sealed class TempConfig : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("hrl-bench-config-").FullName;

        public TempConfig(string text)
        {
            Path = System.IO.Path.Combine(_folder, "daemon.yaml");
            File.WriteAllText(Path, text);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Bench_loop_names_a_missing_policy_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"hrl-missing-{Guid.NewGuid():N}.onnx");

        var (exitCode, _, stderr) = CliRunner.Run("bench", "loop", "--policy", missing, "--seconds", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains($"--policy: {missing}: policy file not found", stderr, StringComparison.Ordinal);
    }
}
