using HumanoidRl.Core.Policy;
using HumanoidRl.Control.Tests.Policy;
using HumanoidRl.Training.Export;

namespace HumanoidRl.Training.Tests.Export;

public sealed class PolicyAveragingTests
{
    private const int ObservationSize = 6;
    private const int ActionSize = 2;

    private static PolicyContract Contract(string trainingRun) =>
        PolicyFiles.Contract(ObservationSize, ActionSize) with { TrainingRun = trainingRun };

    private static MlpPolicyWeights RandomWeights(int seed, params int[] hidden) =>
        PolicyFiles.RandomWeights(seed, ObservationSize, ActionSize, hidden);

    private static AveragingMember Member(string name, MlpPolicyWeights weights, PolicyContract contract, string? actionStd = null)
    {
        var metadata = new Dictionary<string, string>(contract.ToMetadata(), StringComparer.Ordinal);
        if (actionStd is not null) metadata[PolicyExport.TrainingActionStdKey] = actionStd;
        return new AveragingMember($"/policies/{name}", $"sha-{name}", new OnnxPolicyFile(weights, metadata));
    }

    /// <summary>Observations that stay well inside the clip of every normalizer used here.</summary>
    private static IEnumerable<float[]> Observations(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 50; trial++)
            yield return [.. Enumerable.Range(0, ObservationSize).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    /// <summary>The same function as <paramref name="policy"/> on another normalizer (the inverse of what averaging does).</summary>
    private static MlpPolicyWeights WithNormalizer(MlpPolicyWeights policy, float[] mean, float[] std)
    {
        var layer = policy.Layers[0];
        var weight = new float[layer.Weight.Length];
        var bias = new float[layer.OutputSize];
        for (var o = 0; o < layer.OutputSize; o++)
        {
            double shift = layer.Bias[o];
            for (var i = 0; i < layer.InputSize; i++)
            {
                var w = (double)layer.Weight[(o * layer.InputSize) + i];
                weight[(o * layer.InputSize) + i] = (float)(w * std[i] / policy.ObservationStd[i]);
                shift += w * (mean[i] - (double)policy.ObservationMean[i]) / policy.ObservationStd[i];
            }
            bias[o] = (float)shift;
        }
        return new MlpPolicyWeights(
            mean, std, policy.ObservationClip, [layer with { Weight = weight, Bias = bias }, .. policy.Layers.Skip(1)]);
    }

    [Fact]
    public void Linear_policies_on_different_normalizers_average_to_the_mean_of_their_actions()
    {
        var (a, b, c) = (RandomWeights(1), RandomWeights(2), RandomWeights(3));
        Assert.NotEqual(a.ObservationStd, b.ObservationStd);

        var averaged = PolicyAveraging.Average(
            [Member("a.onnx", a, Contract("r1")), Member("b.onnx", b, Contract("r2")), Member("c.onnx", c, Contract("r3"))]);

        foreach (var observation in Observations(4))
        {
            var expected = new[] { a, b, c }.Select(p => p.Evaluate(observation)).ToList();
            var actions = averaged.Weights.Evaluate(observation);
            for (var j = 0; j < ActionSize; j++) Assert.Equal(expected.Average(e => e[j]), actions[j], 1e-5f);
        }
    }

    [Fact]
    public void One_network_written_on_two_normalizers_averages_to_itself()
    {
        var policy = RandomWeights(5, 16, 8);
        var shifted = WithNormalizer(
            policy,
            [.. policy.ObservationMean.Select((m, i) => m + (0.3f * (i - 2)))],
            [.. policy.ObservationStd.Select((s, i) => s * (1 + (0.2f * (i % 3))))]);
        Assert.NotEqual(policy.Layers[0].Weight, shifted.Layers[0].Weight);

        var averaged = PolicyAveraging.Average([Member("a.onnx", policy, Contract("r1")), Member("b.onnx", shifted, Contract("r1"))]);

        foreach (var observation in Observations(6))
        {
            var expected = policy.Evaluate(observation);
            var actions = averaged.Weights.Evaluate(observation);
            for (var j = 0; j < ActionSize; j++) Assert.Equal(expected[j], actions[j], 1e-4f);
        }
    }

    [Fact]
    public void The_result_keeps_the_contract_names_its_members_and_averages_their_action_std()
    {
        var averaged = PolicyAveraging.Average([
            Member("a.onnx", RandomWeights(1, 4), Contract("run-a"), actionStd: "0.1,0.2"),
            Member("b.onnx", RandomWeights(2, 4), Contract("run-b"), actionStd: "0.3,0.4"),
        ]);

        var contract = PolicyContract.FromMetadata(averaged.Metadata, "averaged");
        Assert.Equal(Contract("average of 2: run-a, run-b").ToMetadata(), contract.ToMetadata());
        Assert.Equal("a.onnx sha256:sha-a.onnx; b.onnx sha256:sha-b.onnx", averaged.Metadata[PolicyAveraging.AveragedFromKey]);
        var actionStd = PolicyExport.TrainingActionStd(averaged.Metadata, ActionSize, "averaged");
        Assert.NotNull(actionStd);
        Assert.Equal(0.2f, actionStd[0], 1e-6f);
        Assert.Equal(0.3f, actionStd[1], 1e-6f);
    }

    [Fact]
    public void Without_every_members_action_std_the_result_records_none()
    {
        var averaged = PolicyAveraging.Average([
            Member("a.onnx", RandomWeights(1, 4), Contract("r"), actionStd: "0.1,0.2"),
            Member("b.onnx", RandomWeights(2, 4), Contract("r")),
        ]);

        Assert.False(averaged.Metadata.ContainsKey(PolicyExport.TrainingActionStdKey));
    }

    [Fact]
    public void Policies_whose_contracts_differ_are_refused_naming_the_field_both_values_and_both_files()
    {
        var error = Assert.Throws<InvalidDataException>(() => PolicyAveraging.Average([
            Member("a.onnx", RandomWeights(1, 4), Contract("r")),
            Member("b.onnx", RandomWeights(2, 4), Contract("r") with { PhasePeriodS = 0.6 }),
        ]));

        Assert.Equal(
            "/policies/b.onnx: metadata 'phase_period_s' is '0.6' where /policies/a.onnx has '0.8': " +
            "only policies with one contract can be averaged",
            error.Message);
    }

    [Fact]
    public void Networks_of_different_shapes_are_refused_naming_the_layer()
    {
        var error = Assert.Throws<InvalidDataException>(() => PolicyAveraging.Average([
            Member("a.onnx", RandomWeights(1, 4), Contract("r")),
            Member("b.onnx", RandomWeights(2, 5), Contract("r")),
        ]));

        Assert.Equal(
            "/policies/b.onnx: layer 0 maps 6 -> 5 where /policies/a.onnx maps 6 -> 4: only networks of one shape can be averaged",
            error.Message);
    }

    [Fact]
    public void A_single_policy_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => PolicyAveraging.Average([Member("a.onnx", RandomWeights(1, 4), Contract("r"))]));

        Assert.Equal("averaging needs at least two policies, got 1", error.Message);
    }
}
