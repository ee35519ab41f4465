using HumanoidRl.Core.Action;
using HumanoidRl.Core.Policy;

namespace HumanoidRl.Control.Tests.Policy;

/// <summary>Random MLP policies written as real ONNX files for tests.</summary>
internal static class PolicyFiles
{
    public static MlpPolicyWeights RandomWeights(int seed, int observationSize, int actionSize, params int[] hidden)
    {
        var random = new Random(seed);
        float Next(double scale) => (float)((random.NextDouble() * 2 - 1) * scale);
        var sizes = new[] { observationSize }.Concat(hidden).Append(actionSize).ToArray();
        var layers = new List<DenseLayer>();
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            var (inputs, outputs) = (sizes[l], sizes[l + 1]);
            layers.Add(new DenseLayer(inputs, outputs,
                [.. Enumerable.Range(0, inputs * outputs).Select(_ => Next(1.0 / Math.Sqrt(inputs)))],
                [.. Enumerable.Range(0, outputs).Select(_ => Next(0.1))]));
        }
        return new MlpPolicyWeights(
            [.. Enumerable.Range(0, observationSize).Select(_ => Next(0.5))],
            [.. Enumerable.Range(0, observationSize).Select(_ => 0.5f + (float)random.NextDouble())],
            5f,
            layers);
    }

    public static PolicyContract Contract(int observationSize, int actionSize) => new()
    {
        Robot = "test-robot",
        JointNames = [.. Enumerable.Range(0, actionSize).Select(j => $"joint{j}")],
        ObservationLayout = "test",
        ObservationSize = observationSize,
        ActionSize = actionSize,
        ActionMode = ActionMode.Torque,
        ActionScale = 1.0,
        TorqueLimitNm = [.. Enumerable.Repeat(10.0, actionSize)],
        DefaultPoseRad = [.. Enumerable.Repeat(0.0, actionSize)],
        KpNmPerRad = [.. Enumerable.Repeat(50.0, actionSize)],
        KdNmSPerRad = [.. Enumerable.Repeat(1.0, actionSize)],
        LoopPeriodNs = 2_000_000,
        Decimation = 4,
        RobotConfigHash = "abc123",
    };

    public static string Write(string folder, MlpPolicyWeights weights, PolicyContract contract, string name = "policy.onnx")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, OnnxPolicyWriter.Write(weights, contract.ToMetadata(), "test"));
        return path;
    }
}
