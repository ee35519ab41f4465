using Google.Protobuf;
using HumanoidRl.Core.Policy.Onnx;

namespace HumanoidRl.Core.Policy;

/// <summary>An exported policy read back: its network with the normalizer, and its metadata (the contract).</summary>
public sealed record OnnxPolicyFile(MlpPolicyWeights Weights, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// Reads what <see cref="OnnxPolicyWriter"/> wrote (the normalizer and the dense layers as initializers, the
/// contract in metadata_props), so a run can start from an exported policy when its checkpoints are gone.
/// Only that graph is accepted; every failure names the file and what is missing.
/// </summary>
public static class OnnxPolicyReader
{
    public static OnnxPolicyFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"{fullPath}: policy file not found", fullPath);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fullPath));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{fullPath}: not an ONNX model: {e.Message}", e);
        }
        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var tensor in model.Graph?.Initializer ?? []) initializers[tensor.Name] = tensor;

        float[] Values(string name, int? expectedCount = null)
        {
            if (!initializers.TryGetValue(name, out var tensor))
                throw new InvalidDataException($"{fullPath}: no '{name}' initializer: not a policy written by humanoid-rl export");
            var values = tensor.FloatData.ToArray();
            if (expectedCount is { } count && values.Length != count)
                throw new InvalidDataException($"{fullPath}: '{name}' holds {values.Length} floats, expected {count}");
            return values;
        }

        var mean = Values("obs_mean");
        var std = Values("obs_std", mean.Length);
        var clip = Values("obs_clip_max", 1)[0];
        var layers = new List<DenseLayer>();
        var width = mean.Length;
        for (var l = 0; initializers.TryGetValue($"layer{l}_weight", out var weight); l++)
        {
            if (weight.Dims.Count != 2 || weight.Dims[1] != width)
                throw new InvalidDataException(
                    $"{fullPath}: 'layer{l}_weight' has shape [{string.Join(", ", weight.Dims)}], expected [outputs, {width}]");
            var outputs = (int)weight.Dims[0];
            layers.Add(new DenseLayer(width, outputs, Values($"layer{l}_weight", outputs * width), Values($"layer{l}_bias", outputs)));
            width = outputs;
        }
        if (layers.Count == 0)
            throw new InvalidDataException($"{fullPath}: no 'layer0_weight' initializer: not a policy written by humanoid-rl export");

        var weights = new MlpPolicyWeights(mean, std, clip, layers);
        try
        {
            weights.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{fullPath}: {e.Message}", e);
        }
        var metadata = model.MetadataProps.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
        return new OnnxPolicyFile(weights, metadata);
    }
}
