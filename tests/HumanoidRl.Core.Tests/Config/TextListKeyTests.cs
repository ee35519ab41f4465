using System.Collections.Immutable;
using HumanoidRl.Core.Config;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Tests.Config;

public sealed class TextListKeyTests
{
    private sealed record Sensors(ImmutableArray<string> Names);

    private static readonly ConfigTable<Sensors> Table = new(
        new TextListKey<Sensors>("names", (s, v) => s with { Names = v }, "a list of sensor names", "a sensor name",
            required: true));

    private static (Sensors Settings, IReadOnlyList<string> Errors) Read(string yaml)
    {
        var diagnostics = new ConfigDiagnostics("f.yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var mapping = YamlMappingReader.Open(stream.Documents[0].RootNode, "s", "a mapping", diagnostics)!;
        return (Table.Read(mapping, new Sensors([]), diagnostics), diagnostics.Errors);
    }

    [Fact]
    public void The_entries_are_read_in_order()
    {
        var (settings, errors) = Read("names: [left, right]\n");

        Assert.Empty(errors);
        Assert.Equal(["left", "right"], settings.Names.AsEnumerable());
    }

    [Fact]
    public void A_bad_entry_is_reported_by_its_index_and_left_out()
    {
        var (settings, errors) = Read("names:\n  - left\n  - [x]\n  - right\n");

        Assert.Equal(["f.yaml:3: s.names[1]: must be a non-empty text value (expected a sensor name, got a list)"], errors);
        Assert.Equal(["left", "right"], settings.Names.AsEnumerable());
    }

    [Fact]
    public void A_value_that_is_not_a_list_or_a_missing_key_is_reported_with_the_keys_help()
    {
        Assert.Equal(["f.yaml:1: s.names: must be a list (expected a list of sensor names, got left)"], Read("names: left\n").Errors);
        Assert.Equal(["f.yaml:1: s.names: missing required key (expected a list of sensor names)"], Read("other: 1\n").Errors);
    }
}
