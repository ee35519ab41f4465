using HumanoidRl.Core.Tasks;
using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class PpoAlgorithmTests
{
    public PpoAlgorithmTests() => TorchSharpLoader.Ensure();

    [Fact]
    public void Gaussian_kl_is_zero_for_equal_policies_and_matches_the_closed_form()
    {
        using var mean0 = tensor(new[] { 0.3f }).reshape(1, 1);
        using var std0 = tensor(new[] { 0.5f }).reshape(1, 1);
        using var mean1 = tensor(new[] { -0.2f }).reshape(1, 1);
        using var std1 = tensor(new[] { 0.8f }).reshape(1, 1);

        using var same = PpoAlgorithm.GaussianKl(mean0, std0, mean0, std0);
        using var different = PpoAlgorithm.GaussianKl(mean0, std0, mean1, std1);

        Assert.Equal(0f, same.item<float>(), 6);
        var expected = Math.Log(0.8 / 0.5) + (0.25 + 0.25) / (2 * 0.64) - 0.5;
        Assert.Equal(expected, different.item<float>(), 5);
    }

    [Fact]
    public void Update_moves_the_policy_towards_actions_with_positive_advantage()
    {
        const int envs = 256;
        manual_seed(1);
        using var actorCritic = new ActorCritic(2, 2, 1, new ActorCriticSettings { ActorHiddenSizes = [16], CriticHiddenSizes = [16] });
        using var ppo = new PpoAlgorithm(actorCritic, new PpoSettings { NumStepsPerEnv = 1, Schedule = LearningRateSchedule.Fixed, EntropyCoef = 0 });
        using var storage = new RolloutStorage(1, envs, 2, 2, 1);
        using var generator = new Generator(3);
        using var observations = randn(envs, 2, generator: generator);
        var sample = actorCritic.Act(observations, generator);
        using var values = zeros(envs);
        // One-step episodes whose reward is the action itself: larger actions are better.
        var rewards = sample.Actions.squeeze(1).data<float>().ToArray();
        var dones = Enumerable.Repeat(1f, envs).ToArray();
        storage.Add(observations, observations, sample, values, rewards, dones);
        using var lastValues = zeros(envs);
        storage.ComputeReturns(lastValues, 0.99, 0.95);
        using var before = actorCritic.ActionMean(observations).mean();

        var statistics = ppo.Update(storage, generator);

        using var after = actorCritic.ActionMean(observations).mean();
        Assert.True(after.item<float>() > before.item<float>() + 0.01f, $"mean action should rise: {before.item<float>()} -> {after.item<float>()}");
        Assert.True(statistics.SurrogateLoss < 0, "surrogate loss (negated objective) of a favourable update is negative");
        Assert.True(statistics.MeanKl > 0);
        Assert.Equal(1e-3, statistics.LearningRate);
    }

    [Fact]
    public void Adaptive_schedule_changes_the_learning_rate_during_an_update()
    {
        const int envs = 64;
        manual_seed(2);
        using var actorCritic = new ActorCritic(2, 2, 1, new ActorCriticSettings { ActorHiddenSizes = [16], CriticHiddenSizes = [16] });
        using var ppo = new PpoAlgorithm(actorCritic, new PpoSettings { NumStepsPerEnv = 1 });
        using var storage = new RolloutStorage(1, envs, 2, 2, 1);
        using var generator = new Generator(4);
        using var observations = randn(envs, 2, generator: generator);
        using var values = zeros(envs);
        storage.Add(observations, observations, actorCritic.Act(observations, generator), values, new float[envs], Enumerable.Repeat(1f, envs).ToArray());
        using var lastValues = zeros(envs);
        storage.ComputeReturns(lastValues, 0.99, 0.95);

        var statistics = ppo.Update(storage, generator);

        // The first minibatch sees KL 0 (unchanged policy) and every later one a tiny KL: each raises the rate.
        Assert.True(statistics.LearningRate > 1e-3, $"learning rate should rise when KL is far below target, got {statistics.LearningRate}");
        Assert.True(statistics.LearningRate <= 1e-2);
    }

    [Fact]
    public void Invalid_setting_is_refused_with_its_name_and_range()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PpoSettings { Gamma = 1.5 }.Validate());
        Assert.Contains("Gamma", error.Message, StringComparison.Ordinal);
        Assert.Contains("(0, 1]", error.Message, StringComparison.Ordinal);
    }
}
