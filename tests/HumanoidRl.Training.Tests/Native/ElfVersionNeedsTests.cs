using System.Diagnostics;
using HumanoidRl.Training.Native;

namespace HumanoidRl.Training.Tests.Native;

public sealed class ElfVersionNeedsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-elf-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string ShippedLibrary() =>
        TorchSharpLoader.FindOriginalLibrary() ?? throw new InvalidOperationException("libLibTorchSharp.so not in the test output");

    private static string ReadElfVersions(string path)
    {
        using var readelf = Process.Start(new ProcessStartInfo("readelf", ["-V", "-W", path]) { RedirectStandardOutput = true })!;
        var output = readelf.StandardOutput.ReadToEnd();
        readelf.WaitForExit();
        Assert.Equal(0, readelf.ExitCode);
        return output;
    }

    [Fact]
    public void Elf_hash_matches_the_hash_the_linker_stored_for_every_requirement()
    {
        var needs = new ElfVersionNeeds(File.ReadAllBytes(ShippedLibrary()), "shipped");
        var requirements = needs.Requirements();

        Assert.NotEmpty(requirements);
        Assert.All(requirements, r => Assert.Equal(r.Hash, ElfVersionNeeds.ElfHash(r.Version)));
    }

    [Fact]
    public void Requirements_and_needed_libraries_agree_with_readelf()
    {
        var path = ShippedLibrary();
        var needs = new ElfVersionNeeds(File.ReadAllBytes(path), path);
        var readelf = ReadElfVersions(path);

        Assert.Contains(needs.Requirements(), r => r.Version == TorchSharpLoader.MissingVersion && r.File == "libstdc++.so.6");
        Assert.All(needs.Requirements(), r => Assert.Contains($"Name: {r.Version} ", readelf, StringComparison.Ordinal));
        Assert.Contains("libtorch_cpu.so", needs.NeededLibraries());
    }

    [Fact]
    public void Patched_copy_requires_the_older_version_with_its_hash_and_leaves_the_original_untouched()
    {
        var original = ShippedLibrary();
        var originalBytes = File.ReadAllBytes(original);
        var patched = Path.Combine(_folder, "libLibTorchSharp.so");

        TorchSharpLoader.WritePatchedCopy(original, patched);

        Assert.Equal(originalBytes, File.ReadAllBytes(original));
        var patchedBytes = File.ReadAllBytes(patched);
        var changedBytes = originalBytes.Zip(patchedBytes).Count(pair => pair.First != pair.Second);
        Assert.InRange(changedBytes, 1, TorchSharpLoader.AvailableVersion.Length + sizeof(uint));

        var requirements = new ElfVersionNeeds(patchedBytes, patched).Requirements();
        Assert.DoesNotContain(requirements, r => r.Version == TorchSharpLoader.MissingVersion);
        var rewritten = Assert.Single(requirements, r => r.Version == TorchSharpLoader.AvailableVersion && r.File == "libstdc++.so.6"
                                                         && r.AuxOffset == new ElfVersionNeeds(originalBytes, original).Requirements()
                                                             .Single(o => o.Version == TorchSharpLoader.MissingVersion).AuxOffset);
        Assert.Equal(ElfVersionNeeds.ElfHash(TorchSharpLoader.AvailableVersion), rewritten.Hash);

        var readelf = ReadElfVersions(patched);
        Assert.DoesNotContain(TorchSharpLoader.MissingVersion, readelf, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_elf_input_is_rejected_with_its_name()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => new ElfVersionNeeds("not an elf file at all, just text"u8.ToArray(), "notes.txt"));
        Assert.Contains("notes.txt", error.Message, StringComparison.Ordinal);
    }
}
