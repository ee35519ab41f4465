using System.Globalization;

namespace HumanoidRl.MuJoCo.Tests;

/// <summary>
/// Native memory is returned on dispose: thousands of create/dispose cycles leave the process's resident
/// memory (VmRSS) where it was. One leaked mjData of these models is about 3 MB and one leaked mjModel about
/// 8 KB, so the cycle counts make a leak of either exceed the bound many times over.
/// </summary>
public sealed class MjLifetimeTests : IDisposable
{
    private const long GrowthBoundBytes = 64L * 1024 * 1024;

    private readonly TempModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Creating_and_disposing_3000_loaded_models_with_data_does_not_grow_resident_memory()
    {
        var path = _folder.Write("robot.xml", TestModels.Robot);
        void Cycle()
        {
            using var model = MjModel.LoadXml(path);
            using var data = new MjData(model);
            data.Step();
        }

        var growthBytes = ResidentGrowthBytes(Cycle, cycles: 3000);

        Assert.True(
            growthBytes < GrowthBoundBytes,
            $"VmRSS grew by {growthBytes / 1024} KiB within 3000 model+data cycles (bound {GrowthBoundBytes / 1024} KiB).");
    }

    [Fact]
    public void Creating_and_disposing_20000_model_copies_does_not_grow_resident_memory()
    {
        using var original = _folder.Load("robot.xml", TestModels.Robot);
        void Cycle()
        {
            using var copy = original.Copy();
            copy.BodyMass[1] = 3.0;
        }

        var growthBytes = ResidentGrowthBytes(Cycle, cycles: 20000);

        Assert.True(
            growthBytes < GrowthBoundBytes,
            $"VmRSS grew by {growthBytes / 1024} KiB within 20000 model copies (bound {GrowthBoundBytes / 1024} KiB).");
    }

    private static long ResidentGrowthBytes(Action cycle, int cycles)
    {
        // Warm-up lets the allocator and the GC reach their steady state before the baseline.
        for (var i = 0; i < 200; i++) cycle();
        Collect();
        var baseline = ResidentBytes();
        for (var i = 1; i <= cycles; i++)
        {
            cycle();
            // A real leak stops the test early instead of eating gigabytes of a shared machine.
            if (i % 100 == 0 && ResidentBytes() - baseline > GrowthBoundBytes) break;
        }
        Collect();
        return ResidentBytes() - baseline;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long ResidentBytes()
    {
        const string Key = "VmRSS:";
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("/proc/self/status has no VmRSS line; this test needs Linux procfs.");
        var kib = line[Key.Length..].Trim().Split(' ')[0]; // "VmRSS:     123456 kB"
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }
}
