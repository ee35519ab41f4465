using HumanoidRl.Control.Policy;
using HumanoidRl.Core.Action;
using HumanoidRl.Core.Policy;
using HumanoidRl.Training.Export;
using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using HumanoidRl.Training.Tests.Ppo;
using HumanoidRl.Training.Tests.Tasks;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Export;

public sealed class PolicyExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static PolicyContract CartPoleContract(int observationSize) => new()
    {
        Robot = "cartpole",
        JointNames = ["slider"],
        ObservationLayout = "test",
        ObservationSize = observationSize,
        ActionSize = 1,
        ActionMode = ActionMode.Torque,
        ActionScale = 1,
        TorqueLimitNm = [10],
        DefaultPoseRad = [0],
        KpNmPerRad = [0],
        KdNmSPerRad = [0],
        LoopPeriodNs = 10_000_000,
        Decimation = 1,
        RobotConfigHash = "cartpole",
        TrainingRun = "test",
    };

    [Fact]
    public void Onnx_runtime_output_equals_the_torchsharp_actor_mean_within_1e_5_on_random_inputs()
    {
        TorchSharpLoader.Ensure();
        using var environment = new CartPoleVectorEnvironment(environmentCount: 8, maxEpisodeSteps: 100, stepperThreads: 1);
        environment.Reset(1);
        using var runner = new OnPolicyRunner(environment, CartPoleTraining.Settings(seed: 4));
        runner.Learn(3); // moves the weights and the normalizer statistics away from their initial values
        var contract = CartPoleContract(environment.ObservationSize);
        var path = Path.Combine(_folder, "cartpole.onnx");
        PolicyExport.WriteFile(path, PolicyExport.ToOnnx(runner, contract));

        using var policy = OnnxPolicy.Load(path);
        var random = new Random(5);
        var observation = new float[environment.ObservationSize];
        var normalized = new float[environment.ObservationSize];
        var action = new float[1];
        for (var trial = 0; trial < 50; trial++)
        {
            for (var i = 0; i < observation.Length; i++) observation[i] = (float)((random.NextDouble() * 8) - 4);
            policy.Run(observation, action);

            runner.ObservationNormalizer!.Normalize(observation, normalized);
            using var input = tensor(normalized).reshape(1, -1);
            using var mean = runner.ActorCritic.ActionMean(input);
            Assert.Equal(mean.data<float>()[0], action[0], 1e-5f);
        }
        Assert.Equal(contract.ToMetadata(), policy.Contract.ToMetadata());
    }

    [Fact]
    public void Export_refuses_a_contract_whose_sizes_differ_from_the_actor()
    {
        TorchSharpLoader.Ensure();
        using var environment = new CartPoleVectorEnvironment(environmentCount: 2, maxEpisodeSteps: 10, stepperThreads: 1);
        environment.Reset(1);
        using var runner = new OnPolicyRunner(environment, CartPoleTraining.Settings(seed: 4));

        var error = Assert.Throws<InvalidOperationException>(
            () => PolicyExport.ToOnnx(runner, CartPoleContract(environment.ObservationSize + 1)));
        Assert.Contains("contract says", error.Message, StringComparison.Ordinal);
    }
}
