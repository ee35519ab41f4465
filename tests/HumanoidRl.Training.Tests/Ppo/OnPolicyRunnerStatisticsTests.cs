using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using HumanoidRl.Training.Tests.Tasks;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class OnPolicyRunnerStatisticsTests
{
    [Theory]
    // Means start near zero (the actor's output layer is scaled down), so the share outside [-1, 1] is
    // P(|N(0, std)| > 1): 0.617 at std 2 and below 1e-6 at std 0.2.
    [InlineData(2.0, 0.56, 0.68)]
    [InlineData(0.2, 0.0, 0.001)]
    public void The_clamped_action_fraction_is_the_share_of_sampled_actions_outside_the_range(double initialStd, double low, double high)
    {
        TorchSharpLoader.Ensure();
        using var environment = new CartPoleVectorEnvironment(environmentCount: 64, maxEpisodeSteps: 200, stepperThreads: 1);
        environment.Reset(seed: 4);
        var settings = CartPoleTraining.Settings(seed: 9);
        using var runner = new OnPolicyRunner(
            environment, settings with { Policy = settings.Policy with { InitialActionStd = initialStd } });

        var statistics = runner.Learn(1).Single();

        Assert.InRange(statistics.ClampedActionFraction, low, high);
    }
}
