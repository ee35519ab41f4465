using System.Globalization;
using HumanoidRl.Training.Ppo;

namespace HumanoidRl.Training.Runs;

/// <summary>progress.csv in the run folder: one line per iteration, flushed at once, kept across resumes.</summary>
public sealed class ProgressLog
{
    public const string FileName = "progress.csv";
    private const string FirstHeader =
        "iteration,env_steps_per_s,mean_return,mean_length,fall_rate,kl,learning_rate,value_loss,mean_action_std,wall_s";

    /// <summary>
    /// Columns added since the first header, in order, each with the value its older lines get: command_range_fraction
    /// (the curriculum's share of the command ranges; 1 without a curriculum, which sampled the full ranges) and
    /// clamped_action_fraction (the share of sampled action values the environment clamped to [-1, 1]; not
    /// recorded before, so empty).
    /// </summary>
    private static readonly (string Name, string OlderLineValue)[] AddedColumns =
        [("command_range_fraction", "1"), ("clamped_action_fraction", "")];

    private static readonly string Header = string.Join(',', [FirstHeader, .. AddedColumns.Select(c => c.Name)]);

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
            F(s.CommandRangeFraction ?? 1.0), F(s.ClampedActionFraction),
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
            points.Add((
                int.Parse(fields[0], CultureInfo.InvariantCulture), meanReturn, double.Parse(fields[3], CultureInfo.InvariantCulture)));
        }
        return points;
    }

    /// <summary>
    /// A run logged before some columns existed gets them, with their older-line values, so a resumed run keeps one
    /// consistent table.
    /// </summary>
    private void UpgradeOlderFile()
    {
        var lines = File.ReadAllLines(_path);
        if (lines.Length == 0 || lines[0] == Header) return;
        var present = Enumerable.Range(0, AddedColumns.Length + 1)
            .FirstOrDefault(n => lines[0] == string.Join(',', [FirstHeader, .. AddedColumns.Take(n).Select(c => c.Name)]), -1);
        if (present < 0) return;
        var fill = string.Concat(AddedColumns.Skip(present).Select(c => "," + c.OlderLineValue));
        var upgraded = lines.Select((line, i) => i == 0 ? Header : line.Length == 0 ? line : line + fill);
        AtomicFile.WriteAllText(_path, string.Join("\n", upgraded) + "\n");
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
