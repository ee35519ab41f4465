using HumanoidRl.Core.Tasks;
using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class ActorCriticTests
{
    public ActorCriticTests() => TorchSharpLoader.Ensure();

    private static ActorCritic Create(double initialStd = 0.8)
    {
        manual_seed(5);
        return new ActorCritic(
            6, 9, 3, new ActorCriticSettings { ActorHiddenSizes = [32, 16], CriticHiddenSizes = [24], InitialActionStd = initialStd });
    }

    [Fact]
    public void New_policy_has_the_initial_std_and_near_zero_mean_actions()
    {
        using var actorCritic = Create(initialStd: 0.8);
        using var observations = randn(100, 6);

        using var std = actorCritic.ActionStd();
        using var means = actorCritic.ActionMean(observations);

        Assert.All(std.data<float>().ToArray(), s => Assert.Equal(0.8f, s, 6));
        Assert.True(means.abs().max().item<float>() < 0.1f, "actor output layer (gain 0.01) should start near zero");
        Assert.Equal(new long[] { 100, 3 }, means.shape);
    }

    [Fact]
    public void Hidden_layers_are_orthogonal_with_gain_sqrt_two_and_biases_are_zero()
    {
        using var actorCritic = Create();
        var first = (Linear)actorCritic.Actor.children().First();
        using var weight = first.weight!.detach();

        // 32 x 6 weight: its columns are orthonormal up to the gain, W^T W = 2 I.
        using var gram = weight.t().matmul(weight);
        using var expected = eye(6) * 2.0;
        Assert.True(gram.allclose(expected, rtol: 0, atol: 1e-4), "W^T W should equal 2 I");
        Assert.Equal(0f, first.bias!.abs().max().item<float>());
    }

    [Fact]
    public void Gaussian_log_prob_matches_the_closed_form()
    {
        using var actions = tensor(new[] { 0.5f, -1f }).reshape(1, 2);
        using var means = tensor(new[] { 0f, 0f }).reshape(1, 2);
        using var stds = tensor(new[] { 1f, 2f }).reshape(1, 2);

        using var logProb = ActorCritic.GaussianLogProb(actions, means, stds);

        var expected = -0.5 * 0.25 - Math.Log(Math.Sqrt(2 * Math.PI)) + (-0.5 * 0.25 - Math.Log(2) - Math.Log(Math.Sqrt(2 * Math.PI)));
        Assert.Equal(expected, logProb.item<float>(), 5);
    }

    [Fact]
    public void Sampled_actions_are_reproducible_and_scored_the_same_by_evaluate()
    {
        using var actorCritic = Create();
        using var observations = randn(10, 6);
        using var first = new Generator(9);
        using var second = new Generator(9);

        var a = actorCritic.Act(observations, first);
        var b = actorCritic.Act(observations, second);
        var (logProbs, entropy, _, _, _) = actorCritic.Evaluate(observations, a.Actions);

        Assert.Equal(a.Actions.data<float>().ToArray(), b.Actions.data<float>().ToArray());
        Assert.True(a.LogProbs.allclose(logProbs, atol: 1e-5));
        // Entropy of a diagonal Gaussian: sum over dimensions of 0.5 + 0.5 ln(2 pi) + ln(std).
        var expectedEntropy = 3 * (0.5 + 0.5 * Math.Log(2 * Math.PI) + Math.Log(0.8));
        Assert.Equal(expectedEntropy, entropy[0].item<float>(), 4);
    }

    [Fact]
    public void Value_has_one_entry_per_critic_observation()
    {
        using var actorCritic = Create();
        using var criticObservations = randn(7, 9);
        using var values = actorCritic.Value(criticObservations);
        Assert.Equal(new long[] { 7 }, values.shape);
    }

    [Fact]
    public void Invalid_hidden_size_is_refused_with_its_field_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new ActorCritic(2, 2, 1, new ActorCriticSettings { ActorHiddenSizes = [8, 0] }));
        Assert.Contains("ActorHiddenSizes[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Velocity_head_estimates_from_the_actor_hidden_layer_and_changes_neither_the_actions_nor_the_exported_layers()
    {
        var settings = new ActorCriticSettings { ActorHiddenSizes = [32, 16], CriticHiddenSizes = [24] };
        manual_seed(5);
        using var plain = new ActorCritic(6, 9, 3, settings);
        manual_seed(5);
        using var withHead = new ActorCritic(6, 9, 3, settings, velocityEstimateSize: 3);
        using var observations = randn(10, 6);
        using var actions = zeros(10, 3);

        var (_, _, means, _, estimates) = withHead.Evaluate(observations, actions);
        var (_, _, plainMeans, _, plainEstimates) = plain.Evaluate(observations, actions);

        // The head is drawn after every other weight, so both start as the same policy.
        Assert.Equal(plainMeans.data<float>().ToArray(), means.data<float>().ToArray());
        Assert.Equal(withHead.ActionMean(observations).data<float>().ToArray(), means.data<float>().ToArray());
        Assert.Null(plainEstimates);
        Assert.NotNull(estimates);
        Assert.Equal(new long[] { 10, 3 }, estimates.shape);
        Assert.Equal(3, withHead.Actor.children().OfType<Linear>().Count());
        Assert.Contains(withHead.named_parameters(), p => p.name.StartsWith("velocity_head.", StringComparison.Ordinal));
    }
}
