using HumanoidRl.Core.Tasks;
using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class PpoAlgorithmTests
{
    public PpoAlgorithmTests() => TorchSharpLoader.Ensure();

    /// <summary>One-step episodes of the actor-critic on the observations, all with zero reward and zero values.</summary>
    private static RolloutStorage RewardlessRollout(ActorCritic actorCritic, Tensor observations, Generator generator)
    {
        var envs = (int)observations.shape[0];
        var storage = new RolloutStorage(1, envs, (int)observations.shape[1], (int)observations.shape[1], actorCritic.ActionSize);
        using var values = zeros(envs);
        storage.Add(
            observations, observations, actorCritic.Act(observations, generator), values, new float[envs],
            Enumerable.Repeat(1f, envs).ToArray());
        using var lastValues = zeros(envs);
        storage.ComputeReturns(lastValues, 0.99, 0.95);
        return storage;
    }

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
        using var ppo = new PpoAlgorithm(
            actorCritic, new PpoSettings { NumStepsPerEnv = 1, Schedule = LearningRateSchedule.Fixed, EntropyCoef = 0 });
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
        Assert.True(
            after.item<float>() > before.item<float>() + 0.01f,
            $"mean action should rise: {before.item<float>()} -> {after.item<float>()}");
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
        using var generator = new Generator(4);
        using var observations = randn(envs, 2, generator: generator);
        using var storage = RewardlessRollout(actorCritic, observations, generator);

        var statistics = ppo.Update(storage, generator);

        // The first minibatch sees KL 0 (unchanged policy) and every later one a tiny KL: each raises the rate.
        Assert.True(
            statistics.LearningRate > 1e-3, $"learning rate should rise when KL is far below target, got {statistics.LearningRate}");
        Assert.True(statistics.LearningRate <= 1e-2);
    }

    [Fact]
    public void Bounds_loss_is_zero_inside_the_action_range_and_quadratic_outside()
    {
        using var inside = tensor(new[] { -1f, 0.3f, 1f, 0.9f }).reshape(2, 2);
        using var outside = tensor(new[] { 3f, 0f, -1.5f, 0.5f }).reshape(2, 2);

        using var zero = PpoAlgorithm.BoundsLoss(inside);
        using var positive = PpoAlgorithm.BoundsLoss(outside);

        Assert.Equal(0f, zero.item<float>());
        // Rows: 2^2 and 0.5^2, averaged over the batch.
        Assert.Equal((4.0 + 0.25) / 2, positive.item<float>(), 5);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Only_the_bounds_loss_pulls_means_the_environment_clamps_back_towards_the_range(double boundsLossCoef)
    {
        const int envs = 128;
        manual_seed(5);
        using var actorCritic = new ActorCritic(2, 2, 1, new ActorCriticSettings { ActorHiddenSizes = [16], CriticHiddenSizes = [16] });
        using (no_grad()) actorCritic.Actor.children().OfType<TorchSharp.Modules.Linear>().Last().bias!.fill_(3.0);
        using var ppo = new PpoAlgorithm(actorCritic, new PpoSettings
        {
            NumStepsPerEnv = 1, Schedule = LearningRateSchedule.Fixed, EntropyCoef = 0, BoundsLossCoef = boundsLossCoef,
        });
        using var generator = new Generator(6);
        using var observations = randn(envs, 2, generator: generator);
        // No reward at all: the surrogate has no preference, so only the bounds loss can move the actor.
        using var storage = RewardlessRollout(actorCritic, observations, generator);
        using var before = actorCritic.ActionMean(observations).mean();

        ppo.Update(storage, generator);

        using var after = actorCritic.ActionMean(observations).mean();
        if (boundsLossCoef > 0)
            Assert.True(
                after.item<float>() < before.item<float>() - 0.01f,
                $"the mean should fall towards 1: {before.item<float>()} -> {after.item<float>()}");
        else
            Assert.Equal(before.item<float>(), after.item<float>(), 4);
    }

    [Fact]
    public void Negative_bounds_loss_weight_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PpoSettings { BoundsLossCoef = -0.1 }.Validate());
        Assert.Contains("BoundsLossCoef", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_setting_is_refused_with_its_name_and_range()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PpoSettings { Gamma = 1.5 }.Validate());
        Assert.Contains("Gamma", error.Message, StringComparison.Ordinal);
        Assert.Contains("(0, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Velocity_estimation_loss_trains_the_head_to_the_critic_observation_values_and_critic_only_updates_leave_the_actor()
    {
        const int envs = 512;
        manual_seed(6);
        using var actorCritic = new ActorCritic(
            4, 7, 2, new ActorCriticSettings { ActorHiddenSizes = [32], CriticHiddenSizes = [16] }, velocityEstimateSize: 3);
        var settings = new PpoSettings
        {
            NumStepsPerEnv = 1, Schedule = LearningRateSchedule.Fixed, EntropyCoef = 0, VelocityEstimationCoef = 1.0, NumLearningEpochs = 20
        };
        using var ppo = new PpoAlgorithm(actorCritic, settings, velocityTargetIndex: 4);
        using var generator = new Generator(7);
        using var observations = randn(envs, 4, generator: generator);
        // The "velocity" (critic values 4-6) is a function of what the actor observes, as the base velocity is of the joints' motion.
        using var velocity = stack([observations[.., 0] - observations[.., 1], 0.5 * observations[.., 2], observations[.., 3].tanh()], 1);
        using var criticObservations = cat([observations, velocity], 1);
        using var storage = new RolloutStorage(1, envs, 4, 7, 2);
        using var values = zeros(envs);
        storage.Add(
            observations, criticObservations, actorCritic.Act(observations, generator), values, new float[envs],
            Enumerable.Repeat(1f, envs).ToArray());
        using var lastValues = zeros(envs);
        storage.ComputeReturns(lastValues, 0.99, 0.95);
        using var meansBefore = actorCritic.ActionMean(observations).detach().clone();

        var criticOnly = ppo.Update(storage, generator, criticOnly: true);
        using var meansAfterCriticOnly = actorCritic.ActionMean(observations);
        var first = ppo.Update(storage, generator);
        var last = first;
        for (var i = 0; i < 5; i++) last = ppo.Update(storage, generator);

        Assert.Equal(meansBefore.data<float>().ToArray(), meansAfterCriticOnly.data<float>().ToArray());
        Assert.True(last.VelocityEstimationLoss < 0.25 * first.VelocityEstimationLoss,
            $"the head's squared error should fall well below where it started: " +
            $"{first.VelocityEstimationLoss} -> {last.VelocityEstimationLoss} (critic-only pass: {criticOnly.VelocityEstimationLoss})");
    }

    [Fact]
    public void Without_a_velocity_head_the_update_reports_no_velocity_loss()
    {
        manual_seed(8);
        using var actorCritic = new ActorCritic(2, 2, 1, new ActorCriticSettings { ActorHiddenSizes = [8], CriticHiddenSizes = [8] });
        using var ppo = new PpoAlgorithm(actorCritic, new PpoSettings { NumStepsPerEnv = 1 });
        using var generator = new Generator(9);
        using var observations = randn(16, 2, generator: generator);
        using var storage = RewardlessRollout(actorCritic, observations, generator);

        Assert.True(double.IsNaN(ppo.Update(storage, generator).VelocityEstimationLoss));
    }

    [Fact]
    public void A_velocity_head_whose_targets_lie_outside_the_critic_observation_is_refused()
    {
        manual_seed(10);
        using var actorCritic = new ActorCritic(
            4, 5, 2, new ActorCriticSettings { ActorHiddenSizes = [8], CriticHiddenSizes = [8] }, velocityEstimateSize: 3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new PpoAlgorithm(actorCritic, new PpoSettings(), velocityTargetIndex: 3));

        Assert.Contains("within the critic observation's 5 values", error.Message, StringComparison.Ordinal);
    }
}
