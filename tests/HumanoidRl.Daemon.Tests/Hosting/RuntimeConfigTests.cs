using System.Text.Json;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>The runtime settings humanoid-rld ships with (its runtimeconfig.json, which `dotnet humanoid-rld.dll` reads).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_daemon_runs_without_tiered_pgo_whose_instrumented_tier_allocated_on_the_loop_thread()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "humanoid-rld.runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Runtime.TieredPGO", out var tieredPgo), "System.Runtime.TieredPGO is not set");
        Assert.Equal(JsonValueKind.False, tieredPgo.ValueKind);
    }
}
