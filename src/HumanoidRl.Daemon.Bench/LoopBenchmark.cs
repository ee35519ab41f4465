using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Loop;
using HumanoidRl.Control.Modes;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;
using HumanoidRl.Daemon.Robot;
using HumanoidRl.Daemon.Security;
using HumanoidRl.Protocol.Security;

namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// Runs the real daemon in-process (simulator in real time, an ONNX policy in Policy mode, K StreamState subscribers at the loop rate over
/// gRPC on loopback, in a process of their own) and measures the loop and a bare clock_nanosleep loop at the same period in turns, in
/// slices, so that both see the same host noise; then a reference ONNX Runtime call (a one-layer network of the policy's size at the policy
/// period) for the same time; and reports all three side by side.
/// </summary>
public static class LoopBenchmark
{
    /// <summary>What the figures mean; printed with the command's help.</summary>
    public const string FigureDefinitions =
        "loop_jitter_*: wake-up lateness of the control loop against its absolute deadlines; bare_jitter_*: the same for a bare " +
        "clock_nanosleep loop at the same period. The two take turns (slices: how many turns each; slice_ms: their length) so that " +
        "both see the same host noise: during the bare loop's turns the control loop is held between two ticks (it does not run; the " +
        "subscribers stay connected) and on resume it starts from fresh deadlines, so the pause is neither jitter nor overruns. Every " +
        "loop figure (jitter, compute, inference, prewarm, backend, alloc_bytes_per_tick, overruns, ticks, the telemetry rate) covers " +
        "the loop's turns only; seconds: their total. jitter_ratio = loop_jitter_p99_us / bare_jitter_p99_us, each floored at 1 us " +
        "(with realtime.spin_us both loops busy-wait, wake within microseconds and the ratio compares noise). " +
        "compute_*: the controller's own work per tick, what runs on the robot computer whatever the backend (observation, " +
        "policy inference, action mapping, safety checks and clamp, telemetry publish). inference_*: the policy's ONNX Runtime " +
        "call alone (a part of compute), on the ticks that run it (one in decimation). prewarm_*: the first warm-up call that " +
        "realtime.policy_prewarm_us runs before those ticks' deadlines (not part of compute; 0 when policy_prewarm_us is 0): what the " +
        "call costs when it comes cold; prewarm_repeats_per_inference_tick: further warm-up calls per inference tick, which keep the " +
        "call warm while one more at twice a warm call's cost still ends before the deadline; prewarm_past_deadline: first " +
        "warm-up calls that ended after their tick's deadline, making it late (raise the lead above them); " +
        "prewarm_repeat_past_deadline: inference ticks whose last repeat ended after the deadline (it took far longer than a warm " +
        "call), making them late. reference_inference_*: the same call measured " +
        "last, on its own, for a minimal network of the same observation and action size (one linear layer, loaded with the same " +
        "session options), once per policy period with the bare loop's pacing: ONNX Runtime's own cost per call at that rate on " +
        "this machine, whatever the network and the loop around it. backend_*: time per tick inside the " +
        "backend's Read and Write (here the simulator's MuJoCo physics, one mj_step per tick; on hardware the serial bus " +
        "exchange). subscriber_cpus: the CPUs the subscriber process may run on (with realtime.cpu_affinity set, every CPU but " +
        "the loop's, as a robot's remote clients are off the robot computer). " +
        "loop_cpu_threads: the daemon's threads allowed on realtime.cpu_affinity's CPU at the end (empty when it is not set): " +
        "control-loop alone when the other threads were kept off it. " +
        "alloc_bytes_per_tick: bytes the loop thread allocated per tick while measured; overruns: missed ticks. " +
        "policy_entry_jit_methods: methods the JIT compiled on the loop thread from the switch to Policy mode through the 2 s " +
        "before measuring, each costing its tick tens to hundreds of microseconds (0: loading the policy compiled its calls). " +
        "gc_collections, gc_pause_ms: garbage collections in the daemon process during the loop's turns and the time they " +
        "suspended its managed threads, the loop's included (the subscribers' gRPC traffic allocates; the loop does not); " +
        "daemon_alloc_kb_per_s: what the daemon's threads allocated per second of the loop's turns, the garbage behind those " +
        "collections; bare_gc_*: the same during the bare loop's turns. loop_steal_pct, bare_steal_pct: steal time on steal_cpus " +
        "(realtime.cpu_affinity's CPU, else every CPU the daemon may use) during the loop's and the bare loop's turns, as a percentage " +
        "of their time: how long the hypervisor ran something else while those virtual CPUs had work (/proc/stat, in steps of 10 ms; 0 " +
        "on bare metal). Noise neither loop can avoid.";

    /// <summary>
    /// Slice length when none is given. Short enough that the loop and the bare loop take turns within the second-to-second
    /// changes of a shared machine's noise; long enough (250 ticks at 500 Hz) that the first tick after each resume, which
    /// finds the caches cold, is one in 250: too few to make a p99 on their own.
    /// </summary>
    public const int DefaultSliceMs = 500;

    /// <param name="duration">Time of the loop and of the bare loop each, in total, and of the reference inference.</param>
    /// <param name="slice">Longest slice: the duration is cut into as few equal slices as keep each within it.</param>
    public static async Task<IReadOnlyDictionary<string, object>> RunAsync(DaemonConfig baseConfig, string? policyPath, TimeSpan duration,
        TimeSpan slice, int subscribers, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slice, TimeSpan.Zero);
        var slices = (int)Math.Ceiling(duration / slice);
        var sliceLength = duration / slices;
        var token = "hrl_bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var config = baseConfig with
        {
            ListenAddress = "127.0.0.1",
            Port = 0,
            Tls = null,
            SimSpeed = SimSpeed.Realtime,
            PolicyPath = null,
            Tokens = [new TokenEntry("bench", Role.Admin, TokenHash.Of(token))],
        };
        var folder = Directory.CreateTempSubdirectory("hrl-bench-loop-").FullName;
        try
        {
            using var robot = DaemonRobot.Create(config);
            var controller = robot.Controller;
            var loopCpu = controller.Settings.Realtime.CpuAffinity;
            var (policy, policyDescription) = policyPath is null ? StandingBalancePolicy(config, robot, folder) : (policyPath, policyPath);
            var contract = controller.LoadPolicy(policy);
            await using var app = DaemonHost.Build(config, ListenEndpoint.Resolve(config, insecureLoopback: true), robot);
            await app.StartAsync();
            // In a process of their own, as a robot's remote clients are: theirs would be most of the garbage the streams make.
            using var clients = subscribers == 0 ? null
                : await SubscriberProcess.StartAsync(BoundAddress.Of(app), token, subscribers, SubscriberCpus(loopCpu));
            var clientCpus = clients is null ? "" : CpuList.Format(CpuList.AllowedFor(clients.ProcessId));
            if (clients is not null)
                progress($"{subscribers} subscribers streaming in a separate process (pid {clients.ProcessId}, CPUs {clientCpus})");

            progress("standing up");
            await EnterAsync(controller, ControlMode.Damping);
            await EnterAsync(controller, ControlMode.StandUp);
            await WaitAsync(() => controller.Status().StandUpComplete, "stand-up");
            var compiledBeforePolicy = controller.LoopCompiledMethods;
            await EnterAsync(controller, ControlMode.Policy);
            progress("warming up for 2 s in Policy mode");
            await Task.Delay(TimeSpan.FromSeconds(2));
            var policyEntryCompiled = controller.LoopCompiledMethods - compiledBeforePolicy;

            progress(string.Create(CultureInfo.InvariantCulture,
                $"measuring the loop with {subscribers} subscribers and the bare clock_nanosleep loop in turns: {slices} slices of " +
                $"{sliceLength.TotalMilliseconds:0.#} ms each, {duration.TotalSeconds:0.##} s each in total"));
            controller.ResetStatistics();
            var ticks0 = controller.Ticks;
            var overruns0 = controller.Status().Overruns;
            var prewarmsLate0 = controller.PrewarmsPastDeadline;
            var prewarmRepeats0 = controller.PrewarmRepeats;
            var repeatsLate0 = controller.PrewarmRepeatsPastDeadline;
            var received0 = clients is null ? 0 : await clients.CountAsync();
            var bare = new LatencyHistogram(LatencyHistogram.LoopRangeUs);
            long bareOverruns = 0;
            var loopTime = TimeSpan.Zero;
            var loopGc = default(GcActivity);
            var bareGc = default(GcActivity);
            var stealCpus = StealCpus(loopCpu);
            var loopSteal = TimeSpan.Zero;
            var bareSteal = TimeSpan.Zero;
            var bareTime = TimeSpan.Zero;
            for (var i = 0; i < slices; i++)
            {
                if (i > 0) controller.Pause.End();
                var clock = Stopwatch.StartNew();
                var gcAtStart = GcActivity.SoFar();
                var stealAtStart = HostSteal.SoFar(stealCpus);
                await Task.Delay(sliceLength);
                // Returns once the loop has parked: on 2 cores a running loop would load the bare loop it is compared with.
                controller.Pause.Begin();
                loopTime += clock.Elapsed;
                var gcAtHold = GcActivity.SoFar();
                var stealAtHold = HostSteal.SoFar(stealCpus);
                loopGc += gcAtHold - gcAtStart;
                loopSteal += stealAtHold - stealAtStart;
                var bareClock = Stopwatch.StartNew();
                bareOverruns += BareLoop.Run(controller.Settings.PeriodNs, controller.Settings.Realtime, sliceLength, bare);
                bareTime += bareClock.Elapsed;
                bareGc += GcActivity.SoFar() - gcAtHold;
                bareSteal += HostSteal.SoFar(stealCpus) - stealAtHold;
            }
            // Still held, so these are one snapshot; and the last bare slice gave the subscribers time to receive every message the
            // loop published. The host's StopAsync below resumes the loop to take the robot to Damping.
            var status = controller.Status();
            var loopCpuThreads = loopCpu < 0 ? "" : string.Join(',', ThreadsOnCpu.Names(loopCpu));
            var allocated = controller.AllocatedBytesSinceReset;
            var ticks = controller.Ticks - ticks0;
            var received = clients is null ? 0 : await clients.CountAsync() - received0;
            var seconds = loopTime.TotalSeconds;
            var modeAtEnd = controller.Mode;
            if (modeAtEnd != ControlMode.Policy)
                progress($"warning: the loop left Policy mode during the run (now {modeAtEnd}; {status.LastFault ?? "no fault"}): the " +
                    "figures include ticks without inference");

            var dropped = clients is null ? 0 : await clients.StopAsync();
            if (dropped > 0)
                progress($"warning: the daemon dropped {dropped} of {subscribers} subscribers for falling behind (this machine is " +
                    "loaded): the telemetry rate counts them only until then");
            await app.StopAsync();
            var bareP99 = bare.PercentileUs(0.99);
            var (loopStealPercent, bareStealPercent) = (HostSteal.Percent(loopSteal, loopTime, stealCpus.Count),
                HostSteal.Percent(bareSteal, bareTime, stealCpus.Count));
            if (HostSteal.NoisyHostWarning(loopStealPercent, bareStealPercent) is { } noisy) progress(noisy);

            var policyPeriodNs = contract.Decimation * controller.Settings.PeriodNs;
            progress(string.Create(CultureInfo.InvariantCulture,
                $"measuring the reference inference (one linear layer {contract.ObservationSize} -> {contract.ActionSize}, every " +
                $"{policyPeriodNs / 1e6:0.###} ms) for {duration.TotalSeconds:F0} s"));
            var reference = ReferenceInference.Run(contract, folder, policyPeriodNs, controller.Settings.Realtime.SpinUs * 1000L, duration);
            return new Dictionary<string, object>
            {
                ["seconds"] = Math.Round(seconds, 2),
                ["slice_ms"] = Math.Round(sliceLength.TotalMilliseconds, 1),
                ["slices"] = slices,
                ["loop_rate_hz"] = Math.Round(1e9 / controller.Settings.PeriodNs),
                ["ticks"] = ticks,
                ["subscribers"] = subscribers,
                ["subscribers_dropped"] = dropped,
                ["telemetry_messages_per_s_per_subscriber"] = subscribers == 0 ? 0 : Math.Round(received / seconds / subscribers, 1),
                ["mode_at_end"] = modeAtEnd.ToString(),
                ["policy_mode_throughout"] = modeAtEnd == ControlMode.Policy,
                ["last_fault"] = status.LastFault ?? "",
                ["loop_jitter_p50_us"] = status.JitterP50Us,
                ["loop_jitter_p99_us"] = status.JitterP99Us,
                ["loop_jitter_max_us"] = status.JitterMaxUs,
                ["bare_jitter_p50_us"] = bare.PercentileUs(0.5),
                ["bare_jitter_p99_us"] = bareP99,
                ["bare_jitter_max_us"] = bare.MaxUs,
                ["jitter_ratio"] = Math.Round(Math.Max(1, status.JitterP99Us) / (double)Math.Max(1, bareP99), 3),
                ["compute_p50_us"] = status.ComputeP50Us,
                ["compute_p99_us"] = status.ComputeP99Us,
                ["compute_max_us"] = status.ComputeMaxUs,
                ["inference_p50_us"] = status.InferenceP50Us,
                ["inference_p99_us"] = status.InferenceP99Us,
                ["inference_max_us"] = status.InferenceMaxUs,
                ["policy_prewarm_us"] = controller.Settings.Realtime.PolicyPrewarmUs,
                ["prewarm_p50_us"] = status.PrewarmP50Us,
                ["prewarm_p99_us"] = status.PrewarmP99Us,
                ["prewarm_past_deadline"] = controller.PrewarmsPastDeadline - prewarmsLate0,
                ["prewarm_repeat_past_deadline"] = controller.PrewarmRepeatsPastDeadline - repeatsLate0,
                ["prewarm_repeats_per_inference_tick"] = Math.Round(
                    (controller.PrewarmRepeats - prewarmRepeats0) * contract.Decimation / (double)Math.Max(1, ticks), 1),
                ["reference_inference_p50_us"] = reference.PercentileUs(0.5),
                ["reference_inference_p99_us"] = reference.PercentileUs(0.99),
                ["backend_p50_us"] = status.BackendP50Us,
                ["backend_p99_us"] = status.BackendP99Us,
                ["backend_max_us"] = status.BackendMaxUs,
                ["subscriber_cpus"] = clientCpus,
                ["loop_cpu_threads"] = loopCpuThreads,
                ["backend"] = status.Backend,
                ["policy"] = policyDescription,
                ["alloc_bytes_per_tick"] = Math.Round(allocated / (double)Math.Max(1, ticks), 3),
                ["policy_entry_jit_methods"] = policyEntryCompiled,
                ["overruns"] = status.Overruns - overruns0,
                ["bare_overruns"] = bareOverruns,
                ["gc_collections"] = loopGc.Collections,
                ["gc_pause_ms"] = Math.Round(loopGc.Pause.TotalMilliseconds, 2),
                ["daemon_alloc_kb_per_s"] = Math.Round(loopGc.AllocatedBytes / 1024.0 / seconds),
                ["bare_gc_collections"] = bareGc.Collections,
                ["bare_gc_pause_ms"] = Math.Round(bareGc.Pause.TotalMilliseconds, 2),
                ["steal_cpus"] = CpuList.Format(stealCpus),
                ["loop_steal_pct"] = loopStealPercent,
                ["bare_steal_pct"] = bareStealPercent,
                ["realtime"] = string.Join("; ", status.RealtimeNotes),
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (string Path, string Description) StandingBalancePolicy(DaemonConfig config, DaemonRobot robot, string folder)
    {
        var balance = TaskConfigLoader.Load(Path.Combine(Path.GetDirectoryName(config.RobotConfigPath)!, "tasks", "balance.yaml"));
        var path = StandingPolicy.Write(robot.Config, balance, Path.Combine(folder, "standing.onnx"));
        return (path, $"standing benchmark policy: {string.Join('x', balance.Policy.ActorHiddenSizes)} MLP (balance task actor shape) " +
            "holding the default pose");
    }

    private static async Task EnterAsync(RobotController controller, ControlMode mode)
    {
        if (controller.RequestMode(mode).Reason is { } refusal)
            throw new InvalidOperationException($"bench loop: cannot enter {mode}: {refusal}");
        await WaitAsync(() => controller.Mode == mode, mode.ToString());
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"bench loop: timed out waiting for {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>The CPUs the loop (and the bare loop) may run on: realtime.cpu_affinity's, else every CPU of this process.</summary>
    private static SortedSet<int> StealCpus(int loopCpu) => loopCpu >= 0 ? [loopCpu] : CpuList.AllowedFor(Environment.ProcessId);

    /// <summary>
    /// With the loop pinned, the subscriber process runs on every other CPU this process may use: a robot's remote clients do
    /// not run on the robot computer at all, and on the 2-vCPU VM keeping them off the loop's CPU cut the rescheduling
    /// interrupts that CPU took by 60-75 % (docs/benchmarks.md, 2026-12-07). Null (anywhere) when the loop is not pinned or
    /// no other CPU is left.
    /// </summary>
    private static SortedSet<int>? SubscriberCpus(int loopCpu)
    {
        if (loopCpu < 0) return null;
        var others = CpuList.AllowedFor(Environment.ProcessId);
        others.Remove(loopCpu);
        return others.Count > 0 ? others : null;
    }
}
