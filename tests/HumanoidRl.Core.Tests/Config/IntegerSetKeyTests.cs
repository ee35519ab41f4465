using HumanoidRl.Core.Config;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Tests.Config;

public sealed class IntegerSetKeyTests
{
    private sealed record Port(long Baud = 0);

    private static readonly ConfigTable<Port> Table = new(
        new IntegerSetKey<Port>("baud", s => s.Baud, (s, v) => s with { Baud = v }, "one of 9600, 57600",
            [9_600, 57_600], "unsupported baud rate", required: true));

    private static (Port Settings, IReadOnlyList<string> Errors) Read(string yaml)
    {
        var diagnostics = new ConfigDiagnostics("f.yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var mapping = YamlMappingReader.Open(stream.Documents[0].RootNode, "p", "a mapping", diagnostics)!;
        return (Table.Read(mapping, new Port(), diagnostics), diagnostics.Errors);
    }

    [Fact]
    public void A_listed_value_is_read()
    {
        var (settings, errors) = Read("baud: 57600\n");

        Assert.Empty(errors);
        Assert.Equal(57_600, settings.Baud);
    }

    [Fact]
    public void An_unlisted_value_is_reported_with_the_keys_problem_and_help()
    {
        var (_, errors) = Read("baud: 12345\n");

        Assert.Equal(["f.yaml:1: p.baud: unsupported baud rate (expected one of 9600, 57600, got 12345)"], errors);
    }

    [Fact]
    public void A_value_that_is_not_a_whole_number_is_reported_once()
    {
        var (_, errors) = Read("baud: fast\n");

        Assert.Equal(["f.yaml:1: p.baud: must be a whole number (expected one of 9600, 57600, got fast)"], errors);
    }

    [Fact]
    public void Settings_built_in_code_are_checked_against_the_same_set()
    {
        Assert.Equal(new ConfigViolation("baud", 1L, "one of 9600, 57600"), Table.Violations(new Port(1)).Single());
        Assert.Empty(Table.Violations(new Port(9_600)));
    }
}
