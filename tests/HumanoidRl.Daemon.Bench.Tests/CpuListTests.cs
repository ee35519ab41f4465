namespace HumanoidRl.Daemon.Bench.Tests;

public sealed class CpuListTests
{
    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("0-1,4,6-7", new[] { 0, 1, 4, 6, 7 })]
    [InlineData(" 2 , 0 ", new[] { 0, 2 })]
    public void Lists_and_ranges_are_read_as_the_kernel_writes_them(string list, int[] expected) =>
        Assert.Equal(expected, CpuList.Parse(list));

    [Theory]
    [InlineData("a", "'a' is neither a CPU number nor a range")]
    [InlineData("1-2-3", "'1-2-3' is neither a CPU number nor a range")]
    [InlineData("3-1", "the range '3-1' runs backwards")]
    public void A_malformed_list_is_refused_naming_the_part(string list, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CpuList.Parse(list));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatting_lists_each_cpu_in_order() => Assert.Equal("0,2,5", CpuList.Format([5, 0, 2]));

    [Fact]
    public void This_process_may_run_on_the_cpu_it_runs_on() =>
        Assert.Contains(Thread.GetCurrentProcessorId(), CpuList.AllowedFor(Environment.ProcessId));
}
