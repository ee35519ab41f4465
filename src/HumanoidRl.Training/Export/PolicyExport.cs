using System.Globalization;
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

    /// <summary>
    /// Metadata key for the action std the policy explored with when it was exported. Not part of the contract
    /// (deployment runs the mean action); a run that takes the policy over explores with it, as the policy last did,
    /// rather than with a guessed std.
    /// </summary>
    public const string TrainingActionStdKey = "training_action_std";

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
                $"the actor maps {weights.ObservationSize} -> {weights.ActionSize} values " +
                $"but the contract says {contract.ObservationSize} -> {contract.ActionSize}");
        var version = typeof(PolicyExport).Assembly.GetName().Version?.ToString() ?? "0";
        var metadata = new Dictionary<string, string>(contract.ToMetadata(), StringComparer.Ordinal)
        {
            [TrainingActionStdKey] = FormatActionStd(runner.ActorCritic),
        };
        return OnnxPolicyWriter.Write(weights, metadata, version);
    }

    /// <summary>
    /// The action std recorded in a policy's metadata, one value per action, or null for a policy exported before
    /// it was recorded.
    /// </summary>
    public static float[]? TrainingActionStd(IReadOnlyDictionary<string, string> metadata, int actionSize, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(TrainingActionStdKey, out var text)) return null;
        var parts = text.Split(',');
        var values = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])
                || !(values[i] > 0) || !float.IsFinite(values[i]))
                throw new InvalidDataException(
                    $"{source}: metadata '{TrainingActionStdKey}' value {i + 1} is '{parts[i]}': expected a positive finite number");
        }
        if (values.Length != actionSize)
            throw new InvalidDataException(
                $"{source}: metadata '{TrainingActionStdKey}' has {values.Length} values: expected {actionSize}, one per action");
        return values;
    }

    private static string FormatActionStd(ActorCritic actorCritic)
    {
        using var std = actorCritic.ActionStd().detach().cpu();
        return string.Join(',', std.data<float>().ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <summary>Writes the policy atomically (temporary file, then rename).</summary>
    public static void WriteFile(string path, byte[] onnx) => Runs.AtomicFile.WriteAllBytes(path, onnx);
}
