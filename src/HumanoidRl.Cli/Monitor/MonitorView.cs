using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Cli.Monitor;

/// <summary>The dashboard: status and loop health on the left, the latest state's attitude and joint torques on the right.</summary>
internal static class MonitorView
{
    public static IRenderable Render(V1.Status status, V1.RobotState? state)
    {
        ArgumentNullException.ThrowIfNull(status);
        var loop = status.Loop ?? new V1.LoopStatistics();
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow("mode", $"[bold]{ModeMarkup(status.Mode)}[/]");
        summary.AddRow("fault", status.Fault.Length == 0 ? "[green]none[/]" : $"[red]{Markup.Escape(status.Fault)}[/]");
        summary.AddRow("backend", Markup.Escape(status.Backend));
        summary.AddRow("realtime", status.RealtimeNotes.Count == 0
            ? "[grey]not requested[/]"
            : Markup.Escape(string.Join("; ", status.RealtimeNotes)));
        summary.AddRow("loop rate", Invariant($"{status.LoopRateHz:F0} Hz, {loop.Ticks} ticks"));
        summary.AddRow("jitter p50/p99/max",
            Invariant($"{loop.PeriodJitterP50Us:F0} / {loop.PeriodJitterP99Us:F0} / {loop.PeriodJitterMaxUs:F0} us"));
        summary.AddRow("compute p50/p99", Invariant($"{loop.ComputeP50Us:F0} / {loop.ComputeP99Us:F0} us (controller)"));
        summary.AddRow("inference p50/p99/max",
            Invariant($"{loop.InferenceP50Us:F0} / {loop.InferenceP99Us:F0} / {loop.InferenceMaxUs:F0}")
                + " us (ONNX Runtime, part of compute)");
        if (loop.PrewarmMaxUs > 0)
            summary.AddRow("warm-up p50/p99/max",
                Invariant($"{loop.PrewarmP50Us:F0} / {loop.PrewarmP99Us:F0} / {loop.PrewarmMaxUs:F0}")
                    + " us (before the deadline, not in compute)");
        summary.AddRow("backend p50/p99", Invariant($"{loop.BackendP50Us:F0} / {loop.BackendP99Us:F0} us (physics or bus)"));
        summary.AddRow("overruns", loop.Overruns == 0 ? "0" : Invariant($"[yellow]{loop.Overruns}[/]"));
        summary.AddRow("backend errors", loop.BackendErrors == 0 ? "0" : Invariant($"[red]{loop.BackendErrors}[/]"));
        summary.AddRow("lease", status.LeaseHolder.Length == 0 ? "[grey]free[/]" : Markup.Escape(status.LeaseHolder));
        summary.AddRow("command",
            Invariant($"vx {status.Command?.VxMPerS:F2} vy {status.Command?.VyMPerS:F2} yaw {status.Command?.YawRateRadPerS:F2}"));
        summary.AddRow("policy", status.PolicyPath.Length == 0 ? "[grey]none[/]" : Markup.Escape(status.PolicyPath));

        var joints = new Table().AddColumns("joint", "position rad", "torque Nm");
        if (state is not null)
        {
            summary.AddRow("roll / pitch", Invariant($"{state.RollRad:F3} / {state.PitchRad:F3} rad"));
            for (var j = 0; j < status.JointNames.Count && j < state.JointTorqueNm.Count; j++)
                joints.AddRow(
                    Markup.Escape(status.JointNames[j]),
                    Invariant($"{state.JointPositionRad[j]:F3}"),
                    Invariant($"{state.JointTorqueNm[j]:F2}"));
        }
        return new Columns(new Panel(summary).Header("humanoid-rld"), new Panel(joints).Header("joints"));
    }

    private static string ModeMarkup(V1.Mode mode) => mode switch
    {
        V1.Mode.Estop => "[red]ESTOP[/]",
        V1.Mode.Policy => "[green]POLICY[/]",
        V1.Mode.StandUp => "[blue]STAND_UP[/]",
        V1.Mode.Damping => "[yellow]DAMPING[/]",
        _ => mode.ToString().ToUpperInvariant(),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
