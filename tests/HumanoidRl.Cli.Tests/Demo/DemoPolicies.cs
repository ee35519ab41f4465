using HumanoidRl.Core.Action;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Cli.Tests.Demo;

/// <summary>Freshly initialized (untrained) ONNX policies with the balance task's contract for the shipped robot.</summary>
internal static class DemoPolicies
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <param name="outputBias">Bias of every action output: a large one drives the joints hard and topples the robot.</param>
    public static string Write(string folder, float outputBias = 0, int seed = 1)
    {
        var robot = RobotConfigLoader.Load(Path.Combine(RepositoryRoot, "robot-config", "humanoid16.yaml"));
        var task = TaskConfigLoader.Load(Path.Combine(RepositoryRoot, "robot-config", "tasks", "balance.yaml"));
        var contract = PolicyContracts.ForTask(robot, task, "test");
        int[] sizes = [contract.ObservationSize, 32, 32, contract.ActionSize];
        var random = new Random(seed);
        var layers = new List<DenseLayer>();
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            var (inputs, outputs) = (sizes[l], sizes[l + 1]);
            var last = l + 2 == sizes.Length;
            // Small output weights: the untrained policy barely moves unless the bias says otherwise.
            var scale = last ? 0.01 : 1.0 / Math.Sqrt(inputs);
            var weight = Enumerable.Range(0, inputs * outputs).Select(_ => (float)(((random.NextDouble() * 2) - 1) * scale)).ToArray();
            var bias = Enumerable.Repeat(last ? outputBias : 0f, outputs).ToArray();
            layers.Add(new DenseLayer(inputs, outputs, weight, bias));
        }
        var weights = new MlpPolicyWeights(
            new float[contract.ObservationSize], [.. Enumerable.Repeat(1f, contract.ObservationSize)], 5f, layers);
        var path = Path.Combine(folder, $"policy-{seed}-{outputBias}.onnx");
        File.WriteAllBytes(path, OnnxPolicyWriter.Write(weights, contract.ToMetadata(), "test"));
        return path;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"HumanoidRl.sln not found above {AppContext.BaseDirectory}");
    }
}
