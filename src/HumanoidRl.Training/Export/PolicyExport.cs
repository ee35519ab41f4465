using HumanoidRl.Core.Policy;
using HumanoidRl.Training.Ppo;
using TorchSharp.Modules;

namespace HumanoidRl.Training.Export;

/// <summary>
/// Turns a trained actor and its observation normalizer into a self-describing ONNX policy: the deterministic
/// mean action, with the normalizer folded in and the contract in the metadata.
/// </summary>
public static class PolicyExport
{
    /// <summary>Used in place of "no clip" so the ONNX graph keeps one shape.</summary>
    private const float NoClip = 1e9f;

    public static MlpPolicyWeights Weights(ActorCritic actorCritic, EmpiricalNormalizer? normalizer)
    {
        ArgumentNullException.ThrowIfNull(actorCritic);
        var layers = new List<DenseLayer>();
        foreach (var module in actorCritic.Actor.children())
        {
            if (module is not Linear linear) continue;
            using var weight = linear.weight!.detach().cpu().contiguous();
            using var bias = linear.bias!.detach().cpu().contiguous();
            var outputs = (int)weight.shape[0];
            var inputs = (int)weight.shape[1];
            layers.Add(new DenseLayer(inputs, outputs, weight.data<float>().ToArray(), bias.data<float>().ToArray()));
        }

        var size = actorCritic.ObservationSize;
        float[] mean, std;
        float clip;
        if (normalizer is null)
        {
            (mean, std, clip) = (new float[size], [.. Enumerable.Repeat(1f, size)], NoClip);
        }
        else
        {
            // The normalizer scales by 1 / (std + epsilon); the graph divides by the same denominator.
            var variance = normalizer.Variance();
            mean = [.. normalizer.Mean.ToArray().Select(m => (float)m)];
            std = [.. variance.Select(v => (float)(Math.Sqrt(v) + normalizer.Epsilon))];
            clip = normalizer.Clip is { } c ? (float)c : NoClip;
        }
        var weights = new MlpPolicyWeights(mean, std, clip, layers);
        weights.Validate();
        return weights;
    }

    /// <summary>The ONNX file's bytes for the runner's current policy.</summary>
    public static byte[] ToOnnx(OnPolicyRunner runner, PolicyContract contract)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(contract);
        var weights = Weights(runner.ActorCritic, runner.ObservationNormalizer);
        if (weights.ObservationSize != contract.ObservationSize || weights.ActionSize != contract.ActionSize)
            throw new InvalidOperationException(
                $"the actor maps {weights.ObservationSize} -> {weights.ActionSize} values but the contract says {contract.ObservationSize} -> {contract.ActionSize}");
        var version = typeof(PolicyExport).Assembly.GetName().Version?.ToString() ?? "0";
        return OnnxPolicyWriter.Write(weights, contract.ToMetadata(), version);
    }

    /// <summary>Writes the policy atomically (temporary file, then rename).</summary>
    public static void WriteFile(string path, byte[] onnx) => Runs.AtomicFile.WriteAllBytes(path, onnx);
}
