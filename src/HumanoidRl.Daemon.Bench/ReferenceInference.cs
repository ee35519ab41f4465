using HumanoidRl.Control.Loop;
using HumanoidRl.Control.Policy;
using HumanoidRl.Core.Policy;

namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// The reference the loop's inference time is compared with: ONNX Runtime running a minimal network of the policy's
/// observation and action size (one linear layer) once per policy period, paced like <see cref="BareLoop"/> (absolute
/// clock_nanosleep deadlines, the same busy-wait and thread priority). The network is written with the same
/// <see cref="OnnxPolicyWriter"/> and loaded through the same <see cref="OnnxPolicy"/> as the daemon's policy, so the
/// session options are identical and what the call costs is ONNX Runtime's own price per call at that rate on this
/// machine, not the network's size nor the loop around it.
/// </summary>
public static class ReferenceInference
{
    private const float ObservationClip = 5f;

    /// <summary>Runs the reference for <paramref name="duration"/>; the histogram holds the duration of each Run.</summary>
    public static LatencyHistogram Run(PolicyContract contract, string folder, long policyPeriodNs, long spinNs, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var random = new Random(1);
        using var policy = OnnxPolicy.Load(WriteLinear(contract, random, Path.Combine(folder, "reference-linear.onnx")));
        var observation = new float[contract.ObservationSize];
        for (var i = 0; i < observation.Length; i++) observation[i] = (float)((random.NextDouble() * 2) - 1);
        var action = new float[contract.ActionSize];
        var inference = new LatencyHistogram(LatencyHistogram.LoopRangeUs);
        var timer = new DeadlineTimer(policyPeriodNs, spinNs);
        var thread = new Thread(() =>
        {
            // The first call sets up ONNX Runtime's per-run state; the loop's warm-up leaves it out of its figures too.
            policy.Run(observation, action);
            var endNs = LinuxClock.NowNs() + (long)(duration.TotalSeconds * 1e9);
            timer.Start(LinuxClock.NowNs());
            while (LinuxClock.NowNs() < endNs)
            {
                timer.WaitNext();
                var startNs = LinuxClock.NowNs();
                policy.Run(observation, action);
                inference.Record(LinuxClock.NowNs() - startNs);
            }
        })
        { Name = "reference-inference", Priority = ThreadPriority.Highest };
        thread.Start();
        thread.Join();
        return inference;
    }

    /// <summary>One dense layer observation -> action with the contract's metadata, so OnnxPolicy accepts it as a policy.</summary>
    private static string WriteLinear(PolicyContract contract, Random random, string path)
    {
        var inputs = contract.ObservationSize;
        var outputs = contract.ActionSize;
        var scale = 1.0 / Math.Sqrt(inputs);
        var weight = new float[outputs * inputs];
        for (var i = 0; i < weight.Length; i++) weight[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        var layer = new DenseLayer(inputs, outputs, weight, new float[outputs]);
        var weights = new MlpPolicyWeights(new float[inputs], [.. Enumerable.Repeat(1f, inputs)], ObservationClip, [layer]);
        File.WriteAllBytes(path, OnnxPolicyWriter.Write(weights, contract.ToMetadata(), "reference-linear"));
        return path;
    }
}
