using HumanoidRl.Cli.Demo;
using Spectre.Console;

namespace HumanoidRl.Cli.Tests.Demo;

/// <summary>The demo on the real controller and simulator, for about 2 s of policy time per run.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-demo-").FullName;

    [Fact]
    public void Run_with_a_fresh_policy_prints_the_summary_and_exits_1_exactly_when_the_policy_faulted()
    {
        var policy = DemoPolicies.Write(_folder);

        var (exitCode, output) = RunDemo(policy, seconds: 2);

        Assert.Contains($"policy: {policy}", output, StringComparison.Ordinal);
        Assert.Contains("pushes: off", output, StringComparison.Ordinal);
        Assert.Matches(@"time in Policy before any fault: \d+\.\d\d s of 2\.00 s", output);
        Assert.Matches(@"max \|roll\|: \d+\.\d{3} rad, max \|pitch\|: \d+\.\d{3} rad", output);
        Assert.Matches(@"loop jitter p50: \d+ us, p99: \d+ us, overruns: \d+", output);
        var faults = int.Parse(
            System.Text.RegularExpressions.Regex.Match(output, @"faults: (\d+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        if (faults == 0)
        {
            Assert.Equal(0, exitCode);
            Assert.Contains("time in Policy before any fault: 2.00 s", output, StringComparison.Ordinal);
            Assert.Contains("result: stayed up (exit 0)", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(1, exitCode);
            Assert.Matches(@"  at \d+\.\d\d s in Policy: ", output);
            Assert.Contains("result: FELL (exit 1)", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_with_a_policy_that_topples_the_robot_exits_1_and_names_the_fall()
    {
        var policy = DemoPolicies.Write(_folder, outputBias: 5);

        var (exitCode, output) = RunDemo(policy, seconds: 2);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"  at \d+\.\d\d s in Policy: fall: ", output);
        Assert.DoesNotContain("time in Policy before any fault: 2.00 s", output, StringComparison.Ordinal);
        Assert.Contains("result: FELL (exit 1)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_a_missing_policy_file_exits_2_naming_it()
    {
        var (exitCode, output) = RunDemo(Path.Combine(_folder, "nope.onnx"), seconds: 2);

        Assert.Equal(2, exitCode);
        Assert.Contains("--policy: ", output, StringComparison.Ordinal);
        Assert.Contains("nope.onnx: file not found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_a_non_positive_duration_exits_2()
    {
        var (exitCode, output) = RunDemo(Path.Combine(_folder, "unused.onnx"), seconds: 0);

        Assert.Equal(2, exitCode);
        Assert.Contains("--seconds: must be a positive number of seconds (got 0)", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int ExitCode, string Output) RunDemo(string policy, double seconds)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var exitCode = DemoCommand.Run(policy, seconds, pushes: false, console);
        return (exitCode, output.ToString());
    }
}
