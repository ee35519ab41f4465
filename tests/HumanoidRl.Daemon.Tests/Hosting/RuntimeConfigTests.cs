using System.Text.Json;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>The runtime settings humanoid-rld ships with (its runtimeconfig.json, which `dotnet humanoid-rld.dll` reads).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_daemon_runs_without_tiered_pgo_whose_instrumented_tier_allocated_on_the_loop_thread()
    {
        Assert.Equal(JsonValueKind.False, Property("System.Runtime.TieredPGO").ValueKind);
    }

    [Fact]
    public void The_daemon_leaves_its_gc_threads_unpinned_so_that_they_stay_off_the_loops_cpu()
    {
        Assert.Equal(JsonValueKind.True, Property("System.GC.NoAffinitize").ValueKind);
    }

    private static JsonElement Property(string name)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "humanoid-rld.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.TryGetProperty(name, out var value), $"{name} is not set");
        return value.Clone();
    }
}
