using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HumanoidRl.Cli.Demo;

/// <summary>The compact live status of a demo run.</summary>
internal static class DemoView
{
    public static IRenderable Render(DemoProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var table = new Table().HideHeaders().Border(TableBorder.Rounded).AddColumns("figure", "value");
        table.Title = new TableTitle(Invariant($"demo {progress.ElapsedS:F1} / {progress.RunSeconds:F0} s"));
        var modeColour = progress.Mode == Control.Modes.ControlMode.Policy ? "green" : "red";
        table.AddRow("mode", $"[{modeColour}]{progress.Mode}[/]");
        table.AddRow("loop rate", Invariant($"{progress.LoopRateHz:F0} Hz"));
        table.AddRow("jitter p50 / p99", Invariant($"{progress.JitterP50Us} / {progress.JitterP99Us} us"));
        table.AddRow("overruns", progress.Overruns == 0 ? "0" : Invariant($"[yellow]{progress.Overruns}[/]"));
        table.AddRow("roll / pitch", Invariant($"{progress.RollRad:+0.000;-0.000} / {progress.PitchRad:+0.000;-0.000} rad"));
        table.AddRow("faults", progress.Faults == 0
            ? "0"
            : Invariant($"[red]{progress.Faults}[/] ({Markup.Escape(progress.LastFault ?? "")})"));
        return table;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
