using HumanoidRl.Core.Action;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// A freshly initialized (untrained) MLP policy for the robot and a task, written as a real ONNX file: the same
/// inference cost as a trained policy of that size, for benchmarks that must not depend on a training run.
/// </summary>
public static class FreshPolicy
{
    public static string Write(RobotConfig robot, TaskConfig task, string path, int seed = 1, params int[] hidden)
    {
        ArgumentNullException.ThrowIfNull(robot);
        var contract = PolicyContracts.ForTask(robot, task, "fresh-benchmark");
        int[] sizes = [contract.ObservationSize, .. hidden.Length == 0 ? [256, 128] : hidden, contract.ActionSize];
        var random = new Random(seed);
        float Next(double scale) => (float)(((random.NextDouble() * 2) - 1) * scale);
        var layers = new List<DenseLayer>();
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            var (inputs, outputs) = (sizes[l], sizes[l + 1]);
            // Small output weights: an untrained policy that barely moves keeps the robot standing longer.
            var scale = l + 2 == sizes.Length ? 0.01 : 1.0 / Math.Sqrt(inputs);
            layers.Add(new DenseLayer(inputs, outputs, [.. Enumerable.Range(0, inputs * outputs).Select(_ => Next(scale))], new float[outputs]));
        }
        var weights = new MlpPolicyWeights(new float[contract.ObservationSize], [.. Enumerable.Repeat(1f, contract.ObservationSize)], 5f, layers);
        File.WriteAllBytes(path, OnnxPolicyWriter.Write(weights, contract.ToMetadata(), "fresh-benchmark"));
        return path;
    }
}
