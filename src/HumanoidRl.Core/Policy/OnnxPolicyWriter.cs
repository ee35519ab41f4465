using Google.Protobuf;
using HumanoidRl.Core.Policy.Onnx;

namespace HumanoidRl.Core.Policy;

/// <summary>
/// Writes an <see cref="MlpPolicyWeights"/> as a self-describing ONNX model (opset 17, standard operators
/// only: Sub, Div, Clip, Gemm, Elu) with the policy contract in metadata_props.
/// </summary>
public static class OnnxPolicyWriter
{
    public const string InputName = "observation";
    public const string OutputName = "action";
    private const long IrVersion = 8;
    private const long OpsetVersion = 17;
    private const int FloatType = (int)TensorProto.Types.DataType.Float;

    public static byte[] Write(MlpPolicyWeights weights, IReadOnlyDictionary<string, string> metadata, string producerVersion)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(metadata);
        weights.Validate();
        var graph = new GraphProto { Name = "humanoid_policy" };
        graph.Input.Add(Value(InputName, weights.ObservationSize));
        graph.Output.Add(Value(OutputName, weights.ActionSize));

        graph.Initializer.Add(Tensor("obs_mean", [weights.ObservationSize], weights.ObservationMean));
        graph.Initializer.Add(Tensor("obs_std", [weights.ObservationSize], weights.ObservationStd));
        graph.Initializer.Add(Tensor("obs_clip_min", [], [-weights.ObservationClip]));
        graph.Initializer.Add(Tensor("obs_clip_max", [], [weights.ObservationClip]));
        graph.Node.Add(Node("Sub", "normalize_center", [InputName, "obs_mean"], "obs_centered"));
        graph.Node.Add(Node("Div", "normalize_scale", ["obs_centered", "obs_std"], "obs_scaled"));
        graph.Node.Add(Node("Clip", "normalize_clip", ["obs_scaled", "obs_clip_min", "obs_clip_max"], "obs_normalized"));

        var x = "obs_normalized";
        for (var l = 0; l < weights.Layers.Count; l++)
        {
            var layer = weights.Layers[l];
            var last = l == weights.Layers.Count - 1;
            graph.Initializer.Add(Tensor($"layer{l}_weight", [layer.OutputSize, layer.InputSize], layer.Weight));
            graph.Initializer.Add(Tensor($"layer{l}_bias", [layer.OutputSize], layer.Bias));
            var gemm = Node("Gemm", $"layer{l}", [x, $"layer{l}_weight", $"layer{l}_bias"], last ? OutputName : $"layer{l}_linear");
            gemm.Attribute.Add(new AttributeProto { Name = "transB", I = 1, Type = AttributeProto.Types.AttributeType.Int });
            graph.Node.Add(gemm);
            if (last) break;
            var elu = Node("Elu", $"layer{l}_elu", [$"layer{l}_linear"], $"layer{l}_out");
            elu.Attribute.Add(new AttributeProto { Name = "alpha", F = 1f, Type = AttributeProto.Types.AttributeType.Float });
            graph.Node.Add(elu);
            x = $"layer{l}_out";
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "humanoid-rl",
            ProducerVersion = producerVersion,
            DocString = "HumanoidRl policy: deterministic actor mean with the observation normalizer folded in.",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        foreach (var (key, value) in metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }

    internal static NodeProto Node(string op, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = FloatType };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    /// <summary>A [batch, width] float tensor's declaration (batch symbolic).</summary>
    internal static ValueInfoProto Value(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = FloatType, Shape = shape } },
        };
    }
}
