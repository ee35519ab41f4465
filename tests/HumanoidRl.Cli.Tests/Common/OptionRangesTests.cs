using System.CommandLine;
using HumanoidRl.Cli.Bench;
using HumanoidRl.Cli.Eval;
using HumanoidRl.Cli.Motors;
using HumanoidRl.Cli.Sim;
using HumanoidRl.Cli.Train;

namespace HumanoidRl.Cli.Tests.Common;

/// <summary>The real commands' parsers refuse out-of-range numbers by name, before any work starts.</summary>
public sealed class OptionRangesTests
{
    private static RootCommand Root() =>
        new() { TrainCommand.Create(), EvalCommand.Create(), BenchCommand.Create(), SimCommand.Create(), MotorsCommand.Create() };

    [Theory]
    [InlineData("eval --policy p.onnx --episodes 0", "--episodes 0: expected a number of episodes >= 1.")]
    [InlineData("eval --policy p.onnx --episodes -3", "--episodes -3: expected a number of episodes >= 1.")]
    [InlineData("eval --policy p.onnx --seconds 0", "--seconds 0: expected a number of seconds > 0.")]
    [InlineData("eval --policy p.onnx --seconds NaN", "--seconds NaN: expected a number of seconds > 0.")]
    [InlineData("train --envs 0", "--envs 0: expected a number of environments >= 1.")]
    [InlineData("train --iterations 0", "--iterations 0: expected a number of iterations >= 1.")]
    [InlineData("train --minutes -1", "--minutes -1: expected a number of minutes > 0.")]
    [InlineData("train --threads 0", "--threads 0: expected a number of threads >= 1.")]
    [InlineData("train --critic-warmup -1", "--critic-warmup -1: expected a number of iterations >= 0.")]
    [InlineData("bench sim --envs 0", "--envs 0: expected a number of environments >= 1.")]
    [InlineData("bench sim --seconds 0", "--seconds 0: expected a number of seconds > 0.")]
    [InlineData("bench train --envs -1", "--envs -1: expected a number of environments >= 1.")]
    [InlineData("bench train --seconds 0", "--seconds 0: expected a number of seconds > 0.")]
    [InlineData("sim serve-bus --robot r.yaml --link /tmp/l --fault-drop 2", "--fault-drop 2: expected a probability from 0 to 1.")]
    [InlineData(
        "sim serve-bus --robot r.yaml --link /tmp/l --fault-corrupt -0.5", "--fault-corrupt -0.5: expected a probability from 0 to 1.")]
    [InlineData("motors scan --port /dev/null --wait-ms 0", "--wait-ms 0: expected a number of milliseconds >= 1.")]
    public void An_out_of_range_number_is_refused_naming_the_option_the_value_and_the_range(string commandLine, string expected)
    {
        var errors = Root().Parse(commandLine).Errors;

        Assert.Equal(expected, Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("eval --policy p.onnx --episodes 1 --seconds 0.5")]
    [InlineData("train --envs 1 --iterations 1 --minutes 0.5 --threads 1 --critic-warmup 0")]
    [InlineData("bench train --envs 1 --seconds 0.1")]
    [InlineData("sim serve-bus --robot r.yaml --link /tmp/l --fault-drop 0 --fault-corrupt 1")]
    [InlineData("motors scan --port /dev/null --wait-ms 1")]
    public void The_smallest_values_in_range_parse_without_errors(string commandLine)
    {
        Assert.Empty(Root().Parse(commandLine).Errors);
    }

    [Fact]
    public void Eval_with_no_episodes_exits_with_the_refusal_instead_of_running()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = Root().Parse("eval --policy missing.onnx --episodes 0")
            .Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, exitCode);
        Assert.Contains("--episodes 0: expected a number of episodes >= 1.", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("missing.onnx", error.ToString(), StringComparison.Ordinal);
    }
}
