using HumanoidRl.Training.Ppo;
using HumanoidRl.Training.Runs;

namespace HumanoidRl.Training.Tests.Runs;

public sealed class ProgressLogTests : IDisposable
{
    private const string OldHeader =
        "iteration,env_steps_per_s,mean_return,mean_length,fall_rate,kl,learning_rate,value_loss,mean_action_std,wall_s";
    private const string Header = OldHeader + ",command_range_fraction,clamped_action_fraction";
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-progress-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IterationStatistics Statistics(int iteration, double? commandRangeFraction) =>
        new(iteration, 1000, 1, 1, new EpisodeStatistics(3, 12.5, 100, 0.25), new PpoUpdateStatistics(0.01, 0.5, -0.1, 1.2, 3e-4),
            0.3, 0.1, commandRangeFraction);

    private string[] Lines() => File.ReadAllLines(Path.Combine(_folder, ProgressLog.FileName));

    [Fact]
    public void Each_line_ends_with_the_command_range_fraction_or_1_without_a_curriculum_then_the_clamped_share()
    {
        var log = new ProgressLog(_folder);

        log.Add(Statistics(1, 0.4), 2.0);
        log.Add(Statistics(2, null), 4.0);

        var lines = Lines();
        Assert.Equal(Header, lines[0]);
        Assert.EndsWith(",0.4,0.1", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",1,0.1", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_logged_before_the_curriculum_column_gets_both_later_columns_on_resume()
    {
        File.WriteAllText(Path.Combine(_folder, ProgressLog.FileName), $"{OldHeader}\n1,1000,12.5,100,0.25,0.01,0.0003,0.5,0.3,2\n");

        var log = new ProgressLog(_folder);
        log.Add(Statistics(2, 0.6), 4.0);

        var lines = Lines();
        Assert.Equal(Header, lines[0]);
        Assert.Equal("1,1000,12.5,100,0.25,0.01,0.0003,0.5,0.3,2,1,", lines[1]);
        Assert.EndsWith(",0.6,0.1", lines[2], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.Equal(12, line.Split(',').Length));
        Assert.Equal([(1, 12.5, 100.0), (2, 12.5, 100.0)], log.ReturnCurve());
    }

    [Fact]
    public void A_run_logged_before_the_clamped_column_gets_it_empty_on_resume()
    {
        File.WriteAllText(
            Path.Combine(_folder, ProgressLog.FileName),
            $"{OldHeader},command_range_fraction\n1,1000,12.5,100,0.25,0.01,0.0003,0.5,0.3,2,0.4\n");

        var log = new ProgressLog(_folder);
        log.Add(Statistics(2, 0.6), 4.0);

        var lines = Lines();
        Assert.Equal(Header, lines[0]);
        Assert.Equal("1,1000,12.5,100,0.25,0.01,0.0003,0.5,0.3,2,0.4,", lines[1]);
        Assert.All(lines, line => Assert.Equal(12, line.Split(',').Length));
    }
}
