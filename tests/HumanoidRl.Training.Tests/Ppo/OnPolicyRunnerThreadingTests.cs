using HumanoidRl.Core.Environments;
using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using HumanoidRl.Training.Tests.Tasks;
using TorchSharp;

namespace HumanoidRl.Training.Tests.Ppo;

/// <summary>The PPO update on several libtorch threads, as `train` runs it on the cores it was given.</summary>
public sealed class OnPolicyRunnerThreadingTests
{
    [Fact]
    public void An_update_on_two_libtorch_threads_trains_the_same_weights_run_after_run()
    {
        TorchSharpLoader.Ensure();

        var first = Train();
        var second = Train();

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (name, values) in first) Assert.Equal(values, second[name]);
    }

    [Fact]
    public void Collection_runs_libtorch_on_its_thread_count_and_the_update_on_its_own()
    {
        TorchSharpLoader.Ensure();
        using var cartPole = new CartPoleVectorEnvironment(environmentCount: 8, maxEpisodeSteps: 40, stepperThreads: 1);
        cartPole.Reset(seed: 4);
        using var environment = new ThreadCountRecorder(cartPole);
        using var runner = new OnPolicyRunner(
            environment, CartPoleTraining.Settings(seed: 9) with { CollectionTorchThreadCount = 1, UpdateTorchThreadCount = 2 });

        runner.Learn(2);

        Assert.Equal([1], environment.ThreadCountsAtSteps.Distinct()); // the second iteration's collection too, after an update
        Assert.Equal(2, torch.get_num_threads()); // the update ran last
    }

    /// <summary>Records libtorch's thread count each time the runner steps the environments (during collection).</summary>
    private sealed class ThreadCountRecorder(IVectorEnvironment inner) : IVectorEnvironment
    {
        public List<int> ThreadCountsAtSteps { get; } = [];

        public int EnvironmentCount => inner.EnvironmentCount;

        public int ObservationSize => inner.ObservationSize;

        public int CriticObservationSize => inner.CriticObservationSize;

        public int ActionSize => inner.ActionSize;

        public ReadOnlySpan<float> Observations => inner.Observations;

        public ReadOnlySpan<float> CriticObservations => inner.CriticObservations;

        public ReadOnlySpan<float> Rewards => inner.Rewards;

        public ReadOnlySpan<byte> Terminated => inner.Terminated;

        public ReadOnlySpan<byte> Truncated => inner.Truncated;

        public void Reset(int seed) => inner.Reset(seed);

        public void Step(ReadOnlySpan<float> actions)
        {
            ThreadCountsAtSteps.Add(torch.get_num_threads());
            inner.Step(actions);
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Layers and a batch large enough for libtorch to split the update's matrix products between threads.</summary>
    private static Dictionary<string, float[]> Train()
    {
        using var environment = new CartPoleVectorEnvironment(environmentCount: 64, maxEpisodeSteps: 200, stepperThreads: 1);
        environment.Reset(seed: 4);
        var settings = CartPoleTraining.Settings(seed: 9);
        using var runner = new OnPolicyRunner(environment, settings with
        {
            UpdateTorchThreadCount = 2,
            Policy = settings.Policy with { ActorHiddenSizes = [256, 128], CriticHiddenSizes = [256, 128] },
        });
        runner.Learn(3);
        return runner.ActorCritic.state_dict().ToDictionary(p => p.Key, p => p.Value.data<float>().ToArray());
    }
}
