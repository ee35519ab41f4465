using HumanoidRl.Core.Action;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Daemon.Tests.Config;

namespace HumanoidRl.Daemon.Tests.Robot;

/// <summary>Freshly initialized (untrained) ONNX policies for the repository's humanoid16, written as real files.</summary>
internal static class TestPolicies
{
    public static RobotConfig Robot { get; } = RobotConfigLoader.Load(DaemonConfigText.RobotConfigPath);

    private static TaskConfig BalanceTask { get; } =
        TaskConfigLoader.Load(Path.Combine(DaemonConfigText.RepositoryRoot(), "robot-config", "tasks", "balance.yaml"));

    /// <param name="folder">Where to write it.</param>
    /// <param name="name">File name.</param>
    /// <param name="edit">Changes the contract written into the file (to make it mismatch the robot).</param>
    /// <param name="outputBias">Overrides every bias of the output layer (NaN makes every action NaN).</param>
    public static string Write(
        string folder, string name = "policy.onnx", Func<PolicyContract, PolicyContract>? edit = null, float? outputBias = null)
    {
        var contract = PolicyContracts.ForTask(Robot, BalanceTask, "daemon-test");
        contract = edit?.Invoke(contract) ?? contract;
        var weights = RandomWeights(contract.ObservationSize, contract.ActionSize);
        if (outputBias is { } bias) Array.Fill(weights.Layers[^1].Bias, bias);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, OnnxPolicyWriter.Write(weights, contract.ToMetadata(), "daemon-test"));
        return path;
    }

    private static MlpPolicyWeights RandomWeights(int observationSize, int actionSize)
    {
        var random = new Random(7);
        float Next(double scale) => (float)(((random.NextDouble() * 2) - 1) * scale);
        int[] sizes = [observationSize, 32, 32, actionSize];
        var layers = new List<DenseLayer>();
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            var (inputs, outputs) = (sizes[l], sizes[l + 1]);
            layers.Add(new DenseLayer(inputs, outputs,
                [.. Enumerable.Range(0, inputs * outputs).Select(_ => Next(1.0 / Math.Sqrt(inputs)))],
                [.. Enumerable.Range(0, outputs).Select(_ => Next(0.1))]));
        }
        return new MlpPolicyWeights(new float[observationSize], [.. Enumerable.Repeat(1f, observationSize)], 5f, layers);
    }
}
