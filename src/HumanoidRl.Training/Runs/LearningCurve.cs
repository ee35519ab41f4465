namespace HumanoidRl.Training.Runs;

/// <summary>learning_curve.png: mean episode return and length per iteration.</summary>
public static class LearningCurve
{
    public const string FileName = "learning_curve.png";

    public static void Write(string runFolder, ProgressLog progress, string title)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var points = progress.ReturnCurve();
        if (points.Count == 0) return;
        var plot = new ScottPlot.Plot();
        var iterations = points.Select(p => (double)p.Iteration).ToArray();
        var returns = plot.Add.Scatter(iterations, points.Select(p => p.MeanReturn).ToArray());
        returns.LegendText = "mean episode return";
        var lengths = plot.Add.Scatter(iterations, points.Select(p => p.MeanLength).ToArray());
        lengths.LegendText = "mean episode length (policy steps)";
        lengths.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "episode length";
        plot.Title(title);
        plot.XLabel("iteration");
        plot.YLabel("return");
        plot.ShowLegend();
        AtomicFile.Write(Path.Combine(runFolder, FileName), temporary => plot.SavePng(temporary, 900, 500));
    }
}
