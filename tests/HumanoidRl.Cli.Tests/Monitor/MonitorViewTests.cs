using HumanoidRl.Cli.Monitor;
using Spectre.Console;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Cli.Tests.Monitor;

public sealed class MonitorViewTests
{
    [Fact]
    public void Render_shows_mode_fault_jitter_inference_warm_up_attitude_and_each_joints_torque()
    {
        var status = new V1.Status
        {
            Mode = V1.Mode.Estop,
            Fault = "e-stop requested",
            Loop = new V1.LoopStatistics
            {
                Ticks = 1000, PeriodJitterP50Us = 12, PeriodJitterP99Us = 80, PeriodJitterMaxUs = 300, Overruns = 2,
                InferenceP50Us = 9, InferenceP99Us = 41, InferenceMaxUs = 97,
                PrewarmP50Us = 130, PrewarmP99Us = 210, PrewarmMaxUs = 480,
            },
            LoopRateHz = 500,
            Backend = "simulator",
            JointNames = { "left_knee", "right_knee" },
        };
        var state = new V1.RobotState
        {
            RollRad = 0.012, PitchRad = -0.034, JointPositionRad = { 0.5, 0.6 }, JointTorqueNm = { 1.25, -2.5 },
        };
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;

        console.Write(MonitorView.Render(status, state));
        var text = output.ToString();

        Assert.Contains("ESTOP", text, StringComparison.Ordinal);
        Assert.Contains("e-stop requested", text, StringComparison.Ordinal);
        Assert.Contains("12 / 80 / 300 us", text, StringComparison.Ordinal);
        Assert.Contains("9 / 41 / 97 us", text, StringComparison.Ordinal);
        Assert.Contains("warm-up p50/p99/max", text, StringComparison.Ordinal);
        Assert.Contains("130 / 210 / 480 us", text, StringComparison.Ordinal);
        Assert.Contains("0.012 / -0.034 rad", text, StringComparison.Ordinal);
        Assert.Contains("-2.50", text, StringComparison.Ordinal);
        Assert.Contains("right_knee", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_leaves_out_the_warm_up_row_when_the_daemon_runs_no_warm_up()
    {
        var status = new V1.Status
        {
            Mode = V1.Mode.Policy, Loop = new V1.LoopStatistics { Ticks = 10, InferenceP50Us = 9 }, LoopRateHz = 500, Backend = "simulator",
        };
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;

        console.Write(MonitorView.Render(status, new V1.RobotState()));

        Assert.DoesNotContain("warm-up", output.ToString(), StringComparison.Ordinal);
    }
}
