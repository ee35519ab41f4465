using System.Globalization;
using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using HumanoidRl.Training.Tests.Tasks;
using Xunit.Abstractions;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class OnPolicyRunnerLearningTests(ITestOutputHelper output)
{
    private const int TimeLimitSteps = 200;
    private const int Iterations = 120;

    [Fact]
    public void Ppo_learns_to_balance_the_cart_pole_from_a_random_policy()
    {
        TorchSharpLoader.Ensure();
        using var environment = new CartPoleVectorEnvironment(environmentCount: 64, TimeLimitSteps, stepperThreads: 1);
        environment.Reset(seed: 11);
        using var runner = new OnPolicyRunner(environment, CartPoleTraining.Settings(seed: 3));

        var curve = runner.Learn(Iterations);

        foreach (var s in curve.Where(s => s.Iteration == 1 || s.Iteration % 10 == 0))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"it {s.Iteration,3}  return {s.Episodes.MeanReturn,6:F1}  length {s.Episodes.MeanLength,6:F1}  " +
                $"falls {s.Episodes.FallRate:F2}  kl {s.Update.MeanKl:F4}  lr {s.Update.LearningRate:E1}  " +
                $"std {s.MeanActionStd:F2}  steps/s {s.EnvironmentStepsPerSecond:F0}"));
        }

        var randomLevel = curve[0].Episodes;
        var best = curve.Max(s => s.Episodes.MeanReturn);
        var final = curve[^1].Episodes;
        // The random policy drops the pole within ~20 of 200 steps; the trained one balances to the time limit.
        Assert.True(
            randomLevel.MeanLength < 0.2 * TimeLimitSteps, $"random policy should fall early, lasted {randomLevel.MeanLength:F1} steps");
        Assert.Equal(1.0, randomLevel.FallRate);
        Assert.True(best > 0.9 * TimeLimitSteps, $"best mean return {best:F1} should exceed 90% of the {TimeLimitSteps}-step limit");
        Assert.True(final.MeanReturn > 0.8 * TimeLimitSteps, $"final mean return {final.MeanReturn:F1} should exceed 80% of the limit");
        Assert.True(final.FallRate < 0.5, $"final fall rate {final.FallRate:F2} should be below 0.5");
        Assert.Equal(Iterations, runner.Iteration);
    }
}
