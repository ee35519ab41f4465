using HumanoidRl.Core.Config;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Daemon.Config;

/// <summary>The optional hardware section: port overrides per bus and the serial reply timeout margin.</summary>
internal static class HardwareSectionReader
{
    private const string SectionExpected = "a mapping with port_overrides and reply_timeout_margin_ms (each optional)";

    /// <summary>hardware: its scalar keys (port_overrides is a mapping of bus names).</summary>
    public static ConfigTable<HardwareSettings> Table { get; } = new(
        new IntegerKey<HardwareSettings>("reply_timeout_margin_ms", s => s.ReplyTimeoutMarginMs,
            (s, v) => s with { ReplyTimeoutMarginMs = (int)v },
            "1-100 ms added to each reply's wire time before it counts as a timeout", new ConfigBounds(1, 100)));

    /// <summary>The settings, defaults when the section is absent, or null (reported) when any value is bad.</summary>
    public static HardwareSettings? Read(YamlMappingReader root, BackendKind? backend, ConfigDiagnostics diagnostics)
    {
        if (root.Optional("hardware") is not { } node) return new HardwareSettings();
        if (backend != BackendKind.Hardware)
        {
            diagnostics.Add(node.Start.Line, "hardware", "only allowed with backend: hardware",
                "no hardware section for the simulator backend");
            return null;
        }
        if (YamlMappingReader.Open(node, "hardware", SectionExpected, diagnostics) is not { } section) return null;
        var errorsBefore = diagnostics.Errors.Count;

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (section.Optional("port_overrides"))
        {
            case YamlMappingNode ports:
                foreach (var (key, value) in ports.Children)
                {
                    var bus = (key as YamlScalarNode)?.Value ?? "";
                    var device = YamlValueReader.Text(value, $"hardware.port_overrides.{bus}",
                        "a serial device path such as /dev/ttyUSB0 or a sim serve-bus link", diagnostics);
                    if (device.IsPresent) overrides[bus] = device.Value;
                }
                break;
            case { } wrong:
                diagnostics.Add(wrong.Start.Line, "hardware.port_overrides", "must be a mapping", "bus name: serial device",
                    YamlValueReader.KindOf(wrong));
                break;
        }
        var settings = Table.Read(section, new HardwareSettings { PortOverrides = overrides }, diagnostics);
        section.RejectUnknownKeys();
        return diagnostics.Errors.Count > errorsBefore ? null : settings;
    }
}
