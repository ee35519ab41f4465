using Google.Protobuf;
using HumanoidRl.Control.Policy;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Policy.Onnx;

namespace HumanoidRl.Control.Tests.Policy;

public sealed class OnnxPolicyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Onnx_runtime_output_equals_the_reference_mlp_within_1e_5()
    {
        var weights = PolicyFiles.RandomWeights(seed: 1, observationSize: 57, actionSize: 16, 64, 32);
        using var policy = OnnxPolicy.Load(PolicyFiles.Write(_folder, weights, PolicyFiles.Contract(57, 16)));
        var random = new Random(2);
        var action = new float[16];

        for (var trial = 0; trial < 20; trial++)
        {
            var observation = Enumerable.Range(0, 57).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
            policy.Run(observation, action);
            var expected = weights.Evaluate(observation);
            for (var j = 0; j < 16; j++) Assert.Equal(expected[j], action[j], 1e-5f);
        }
    }

    [Fact]
    public void Contract_metadata_round_trips_through_the_file()
    {
        var contract = PolicyFiles.Contract(12, 4) with { TrainingRun = "runs/test", Task = "balance" };
        using var policy = OnnxPolicy.Load(PolicyFiles.Write(_folder, PolicyFiles.RandomWeights(3, 12, 4, 8), contract));

        Assert.Equal(contract.ToMetadata(), policy.Contract.ToMetadata());
        Assert.Empty(policy.Contract.MismatchesAgainst(contract));
    }

    [Fact]
    public void Run_allocates_nothing_after_warm_up()
    {
        var path = PolicyFiles.Write(_folder, PolicyFiles.RandomWeights(4, 57, 16, 64, 64), PolicyFiles.Contract(57, 16));
        using var policy = OnnxPolicy.Load(path);
        var observation = new float[57];
        var action = new float[16];
        for (var i = 0; i < 100; i++) policy.Run(observation, action);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) policy.Run(observation, action);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_refused_naming_the_file()
    {
        var path = Path.Combine(_folder, "notes.onnx");
        File.WriteAllText(path, "this is not a model");

        var error = Assert.Throws<InvalidDataException>(() => OnnxPolicy.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Onnx_without_the_contract_is_refused_naming_the_missing_metadata()
    {
        var path = Path.Combine(_folder, "bare.onnx");
        File.WriteAllBytes(path, OnnxPolicyWriter.Write(PolicyFiles.RandomWeights(5, 6, 2, 4), new Dictionary<string, string>(), "test"));

        var error = Assert.Throws<InvalidDataException>(() => OnnxPolicy.Load(path));
        Assert.Contains("missing metadata 'joint_names'", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_that_disagrees_with_the_tensor_shapes_is_refused()
    {
        var path = PolicyFiles.Write(_folder, PolicyFiles.RandomWeights(6, 10, 3, 4), PolicyFiles.Contract(10, 4));

        var error = Assert.Throws<InvalidDataException>(() => OnnxPolicy.Load(path));
        Assert.Contains("action_size is 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_loads_but_cannot_run_is_refused_at_load_naming_the_file()
    {
        var path = Path.Combine(_folder, "reshape.onnx");
        File.WriteAllBytes(path, ReshapeModel(observationSize: 6, actionSize: 4, PolicyFiles.Contract(6, 4).ToMetadata()));

        var error = Assert.Throws<InvalidDataException>(() => OnnxPolicy.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot run it on a [1, 6] observation", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A model that declares the contract's shapes but reshapes the observation's six values into the action's four:
    /// ONNX Runtime loads it (the batch is symbolic, so the element count is unknown until a run) and fails when it runs.
    /// </summary>
    private static byte[] ReshapeModel(int observationSize, int actionSize, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new GraphProto { Name = "cannot_run" };
        graph.Input.Add(OnnxPolicyWriter.Value(OnnxPolicyWriter.InputName, observationSize));
        graph.Output.Add(OnnxPolicyWriter.Value(OnnxPolicyWriter.OutputName, actionSize));
        // The subset of ONNX the project writes has no int64 tensors: the target shape is cast from floats.
        var targetShape = new TensorProto { Name = "target_shape_float", DataType = (int)TensorProto.Types.DataType.Float };
        targetShape.Dims.Add(2);
        targetShape.FloatData.Add([1, actionSize]);
        graph.Initializer.Add(targetShape);
        var cast = OnnxPolicyWriter.Node("Cast", "shape_to_int64", ["target_shape_float"], "target_shape");
        cast.Attribute.Add(new AttributeProto { Name = "to", I = 7, Type = AttributeProto.Types.AttributeType.Int }); // INT64
        graph.Node.Add(cast);
        graph.Node.Add(
            OnnxPolicyWriter.Node("Reshape", "reshape", [OnnxPolicyWriter.InputName, "target_shape"], OnnxPolicyWriter.OutputName));
        var model = new ModelProto { IrVersion = 8, ProducerName = "test", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        foreach (var (key, value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }
}
