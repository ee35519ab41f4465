using HumanoidRl.Control.Policy;
using HumanoidRl.Control.Tests.Policy;
using HumanoidRl.Core.Policy;
using HumanoidRl.Training.Export;

namespace HumanoidRl.Cli.Tests.Train;

public sealed class AverageCommandTests : IDisposable
{
    private const int ObservationSize = 5;
    private const int ActionSize = 2;

    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-average-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A linear policy (no hidden layer), whose average is exactly the mean of the members' actions.</summary>
    private MlpPolicyWeights WriteLinearPolicy(string name, int seed)
    {
        var weights = PolicyFiles.RandomWeights(seed, ObservationSize, ActionSize);
        PolicyFiles.Write(
            _folder,
            weights,
            PolicyFiles.Contract(ObservationSize, ActionSize) with { TrainingRun = Path.GetFileNameWithoutExtension(name) },
            name);
        return weights;
    }

    [Fact]
    public void Average_writes_a_policy_that_onnx_runtime_runs_as_the_mean_of_its_members_and_names_them()
    {
        var a = WriteLinearPolicy("a.onnx", 1);
        var b = WriteLinearPolicy("b.onnx", 2);
        var output = Path.Combine(_folder, "soup.onnx");

        var (exitCode, stdout, stderr) = CliProcess.Run(
            TimeSpan.FromMinutes(1), "average", "--out", output, Path.Combine(_folder, "a.onnx"), Path.Combine(_folder, "b.onnx"));

        Assert.True(exitCode == 0, $"{stdout}\n{stderr}");
        Assert.Contains($"averaged 2 policies (average of 2: a, b) into {output}", stdout, StringComparison.Ordinal);
        using var policy = OnnxPolicy.Load(output);
        Assert.Equal("average of 2: a, b", policy.Contract.TrainingRun);
        var random = new Random(3);
        var action = new float[ActionSize];
        for (var trial = 0; trial < 20; trial++)
        {
            var observation = Enumerable.Range(0, ObservationSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            policy.Run(observation, action);
            var (fromA, fromB) = (a.Evaluate(observation), b.Evaluate(observation));
            for (var j = 0; j < ActionSize; j++) Assert.Equal((fromA[j] + fromB[j]) / 2, action[j], 1e-5f);
        }
        var averagedFrom = OnnxPolicyReader.Read(output).Metadata[PolicyAveraging.AveragedFromKey];
        Assert.Matches("^a\\.onnx sha256:[0-9a-f]{64}; b\\.onnx sha256:[0-9a-f]{64}$", averagedFrom);
    }

    [Fact]
    public void A_file_that_is_not_a_policy_or_a_single_policy_is_refused_and_nothing_is_written()
    {
        WriteLinearPolicy("a.onnx", 1);
        var notOnnx = Path.Combine(_folder, "notes.onnx");
        File.WriteAllText(notOnnx, "not a model");
        var output = Path.Combine(_folder, "soup.onnx");

        var (corrupt, _, corruptErr) = CliProcess.Run(
            TimeSpan.FromMinutes(1), "average", "--out", output, Path.Combine(_folder, "a.onnx"), notOnnx);
        var (single, _, singleErr) = CliProcess.Run(TimeSpan.FromMinutes(1), "average", "--out", output, Path.Combine(_folder, "a.onnx"));

        Assert.Equal(2, corrupt);
        Assert.StartsWith($"average: {notOnnx}: not an ONNX model", corruptErr, StringComparison.Ordinal);
        Assert.Equal(2, single);
        Assert.Equal("average: averaging needs at least two policies, got 1", singleErr.Trim());
        Assert.False(File.Exists(output));
    }
}
