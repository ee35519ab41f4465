using System.Globalization;
using HumanoidRl.Training.Ppo;

namespace HumanoidRl.Training.Runs;

/// <summary>progress.csv in the run folder: one line per iteration, flushed at once, kept across resumes.</summary>
public sealed class ProgressLog
{
    public const string FileName = "progress.csv";
    private const string HeaderBeforeCurriculum = "iteration,env_steps_per_s,mean_return,mean_length,fall_rate,kl,learning_rate,value_loss,mean_action_std,wall_s";

    /// <summary>command_range_fraction: the curriculum's share of the command ranges (1 without a curriculum: the full ranges).</summary>
    private const string Header = HeaderBeforeCurriculum + ",command_range_fraction";

    private readonly string _path;

    public ProgressLog(string runFolder)
    {
        _path = Path.Combine(runFolder, FileName);
        if (!File.Exists(_path)) File.WriteAllText(_path, Header + "\n");
        else UpgradeOlderFile();
    }

    public void Add(IterationStatistics s, double wallS)
    {
        ArgumentNullException.ThrowIfNull(s);
        var line = string.Join(',', new[]
        {
            s.Iteration.ToString(CultureInfo.InvariantCulture),
            F(s.EnvironmentStepsPerSecond), F(s.Episodes.MeanReturn), F(s.Episodes.MeanLength), F(s.Episodes.FallRate),
            F(s.Update.MeanKl), F(s.Update.LearningRate), F(s.Update.ValueLoss), F(s.MeanActionStd), F(wallS),
            F(s.CommandRangeFraction ?? 1.0),
        });
        File.AppendAllText(_path, line + "\n");
    }

    /// <summary>(iteration, mean return) pairs with a finished-episode statistic, for the learning curve.</summary>
    public IReadOnlyList<(int Iteration, double MeanReturn, double MeanLength)> ReturnCurve()
    {
        var points = new List<(int, double, double)>();
        foreach (var line in File.ReadLines(_path).Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length < 4) continue;
            var meanReturn = double.Parse(fields[2], CultureInfo.InvariantCulture);
            if (double.IsNaN(meanReturn)) continue;
            points.Add((int.Parse(fields[0], CultureInfo.InvariantCulture), meanReturn, double.Parse(fields[3], CultureInfo.InvariantCulture)));
        }
        return points;
    }

    /// <summary>
    /// A run started before the curriculum column existed gets the column, 1 on its old lines (it had no
    /// curriculum, so it sampled the full ranges), so a resumed run keeps one consistent table.
    /// </summary>
    private void UpgradeOlderFile()
    {
        var lines = File.ReadAllLines(_path);
        if (lines.Length == 0 || lines[0] != HeaderBeforeCurriculum) return;
        var upgraded = lines.Select((line, i) => i == 0 ? Header : line.Length == 0 ? line : line + ",1");
        AtomicFile.WriteAllText(_path, string.Join("\n", upgraded) + "\n");
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
