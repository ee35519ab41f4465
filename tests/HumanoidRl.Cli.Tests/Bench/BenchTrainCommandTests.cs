using System.Text.Json;
using HumanoidRl.Cli.Tests.Motors;

namespace HumanoidRl.Cli.Tests.Bench;

public sealed class BenchTrainCommandTests
{
    [Fact]
    public void Bench_train_prints_training_as_train_runs_it_next_to_stepping_and_both_other_libtorch_thread_counts()
    {
        var (exitCode, stdout, stderr) = CliRunner.Run("bench", "train", "--task", "balance", "--envs", "16", "--seconds", "1", "--json");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:\n{stderr}");
        using var document = JsonDocument.Parse(stdout); // stdout holds the JSON object and nothing else
        var figures = document.RootElement;
        Assert.Equal(16, figures.GetProperty("envs").GetInt32());
        Assert.Equal(Environment.ProcessorCount, figures.GetProperty("cores").GetInt32());
        var training = figures.GetProperty("training_env_steps_per_s").GetDouble();
        var stepping = figures.GetProperty("stepping_env_steps_per_s").GetDouble();
        var oneThread = figures.GetProperty("training_torch_one_thread_env_steps_per_s").GetDouble();
        var allCores = figures.GetProperty("training_torch_all_cores_env_steps_per_s").GetDouble();
        Assert.True(training > 0 && stepping > 0 && oneThread > 0 && allCores > 0, stdout);
        AssertRatioOfPrinted(training, stepping, figures.GetProperty("ratio").GetDouble());
        AssertRatioOfPrinted(oneThread, training, figures.GetProperty("torch_one_thread_ratio").GetDouble());
        AssertRatioOfPrinted(allCores, training, figures.GetProperty("torch_all_cores_ratio").GetDouble());
        Assert.InRange(figures.GetProperty("collection_share").GetDouble(), 0.0, 1.0);
    }

    // The ratios come from the unrounded speeds, which are printed rounded to whole steps (+-0.5 each) and the ratio to
    // three decimals: on a loaded machine a speed of a few hundred steps/s moves the recomputed ratio by ~0.01.
    private static void AssertRatioOfPrinted(double numeratorPrinted, double denominatorPrinted, double ratioPrinted)
    {
        var ratio = numeratorPrinted / denominatorPrinted;
        var tolerance = ratio * (0.5 / numeratorPrinted + 0.5 / denominatorPrinted) * 1.01 + 0.0005;
        Assert.Equal(ratio, ratioPrinted, tolerance);
    }
}
