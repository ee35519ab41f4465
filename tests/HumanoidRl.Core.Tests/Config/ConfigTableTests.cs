using HumanoidRl.Core.Config;
using HumanoidRl.Core.Tasks;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Core.Tests.Config;

public sealed class ConfigTableTests
{
    private sealed record Sample(double Gain = 2.0, long Count = 3, bool Enabled = false);

    private static readonly ConfigTable<Sample> Table = new(
        new NumberKey<Sample>("gain", s => s.Gain, (s, v) => s with { Gain = v },
            "a gain in (0, 10]", new ConfigBounds(0, 10, MinIncluded: false)),
        new IntegerKey<Sample>("count", s => s.Count, (s, v) => s with { Count = v },
            "how many (>= 1)", ConfigBounds.Positive, required: true),
        new BooleanKey<Sample>("enabled", (s, v) => s with { Enabled = v }));

    private static (Sample Settings, IReadOnlyList<string> Errors) Read(string yaml)
    {
        var diagnostics = new ConfigDiagnostics("f.yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var mapping = YamlMappingReader.Open(stream.Documents[0].RootNode, "s", "a mapping", diagnostics)!;
        var settings = Table.Read(mapping, new Sample(), diagnostics);
        mapping.RejectUnknownKeys();
        return (settings, diagnostics.Errors);
    }

    [Fact]
    public void Present_keys_are_read_and_absent_ones_keep_the_defaults()
    {
        var (settings, errors) = Read("count: 7\nenabled: true\n");

        Assert.Empty(errors);
        Assert.Equal(new Sample(Gain: 2.0, Count: 7, Enabled: true), settings);
    }

    [Fact]
    public void Each_problem_names_line_field_and_the_keys_help_or_bounds()
    {
        var (_, errors) = Read("gain: 11\nenabled: yes\ncolour: red\n");

        Assert.Equal(
        [
            "f.yaml:1: s.gain: out of range (expected a gain in (0, 10], got 11)",
            "f.yaml:1: s.count: missing required key (expected how many (>= 1))",
            "f.yaml:2: s.enabled: must be a boolean (expected true or false, got yes)",
            "f.yaml:3: s.colour: unknown key (expected one of gain, count, enabled)",
        ], errors);
    }

    [Fact]
    public void Settings_built_in_code_are_checked_against_the_same_bounds()
    {
        var violation = Assert.Single(Table.Violations(new Sample(Gain: 0, Count: 0)).Take(1));

        Assert.Equal(new ConfigViolation("gain", 0.0, "in (0, 10]"), violation);
        Assert.Equal("Count", Table.Violations(new Sample(Count: 0)).Single().PropertyName);
    }

    [Fact]
    public void Every_ppo_key_names_the_property_it_sets()
    {
        var properties = typeof(PpoSettings).GetProperties().Select(p => p.Name).ToHashSet();

        Assert.All(TaskFileSections.Ppo.Keys, key => Assert.Contains(ConfigKeyNames.PascalCase(key.Key), properties));
    }
}
