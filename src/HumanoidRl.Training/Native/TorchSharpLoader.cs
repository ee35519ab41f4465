using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using HumanoidRl.Shared;

namespace HumanoidRl.Training.Native;

/// <summary>What <see cref="TorchSharpLoader.Ensure"/> did to make libtorch load.</summary>
/// <param name="RemedyApplied">True when a patched copy of libLibTorchSharp.so is in use.</param>
/// <param name="OriginalLibraryPath">libLibTorchSharp.so as shipped in the TorchSharp package.</param>
/// <param name="PatchedLibraryPath">The patched copy, when one is used.</param>
/// <param name="Detail">Why the remedy was or was not needed.</param>
public sealed record TorchSharpLoadReport(bool RemedyApplied, string? OriginalLibraryPath, string? PatchedLibraryPath, string Detail);

/// <summary>
/// Makes TorchSharp's native library load on systems whose libstdc++ predates GLIBCXX_3.4.32 (Debian 12,
/// Ubuntu 22.04). TorchSharp 0.107's libLibTorchSharp.so requires that version only for
/// _ZSt21ios_base_library_initv, which nothing relocates against; a copy whose requirement names
/// GLIBCXX_3.4.30 instead loads and runs correctly. The copy lives in a per-user cache, never in the
/// NuGet cache, and is made only when the system library lacks the version.
/// </summary>
public static class TorchSharpLoader
{
    internal const string LibraryFileName = "libLibTorchSharp.so";
    internal const string ImportName = "LibTorchSharp";
    internal const string MissingVersion = "GLIBCXX_3.4.32";
    internal const string AvailableVersion = "GLIBCXX_3.4.30";
    private const string ProbeSymbol = "_ZSt21ios_base_library_initv";

    private static readonly Lazy<TorchSharpLoadReport> Report = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Call before the first TorchSharp use; idempotent and thread-safe.</summary>
    public static TorchSharpLoadReport Ensure() => Report.Value;

    private static TorchSharpLoadReport Load()
    {
        if (!OperatingSystem.IsLinux())
            return new TorchSharpLoadReport(false, null, null, "not Linux: TorchSharp loads its natives itself");

        var original = FindOriginalLibrary();
        if (original is null)
            return new TorchSharpLoadReport(
                false, null, null, $"{LibraryFileName} not found beside the application; TorchSharp will search itself");

        var needs = new ElfVersionNeeds(File.ReadAllBytes(original), original);
        if (!needs.Requirements().Any(r => r.Version == MissingVersion))
            return new TorchSharpLoadReport(false, original, null, $"{LibraryFileName} does not require {MissingVersion}");

        if (SystemLibstdcxxHasVersion(MissingVersion))
            return new TorchSharpLoadReport(false, original, null, $"system libstdc++ provides {MissingVersion}: nothing patched");

        var patched = PatchedCopyPath(original);
        if (!File.Exists(patched)) WritePatchedCopy(original, patched);

        // The patched copy sits in another folder, so its $ORIGIN run path no longer finds libtorch:
        // load those dependencies from the original folder first; the loader then matches them by soname.
        var originalFolder = Path.GetDirectoryName(original)!;
        foreach (var needed in needs.NeededLibraries())
        {
            var sibling = Path.Combine(originalFolder, needed);
            if (File.Exists(sibling)) NativeLibrary.Load(sibling);
        }
        var handle = NativeLibrary.Load(patched);
        RegisterResolver(handle);
        return new TorchSharpLoadReport(true, original, patched,
            $"system libstdc++ lacks {MissingVersion}: loaded a copy requiring {AvailableVersion} from {patched}");
    }

    private static void RegisterResolver(IntPtr handle)
    {
        var torchAssembly = typeof(TorchSharp.torch).Assembly;
        try
        {
            NativeLibrary.SetDllImportResolver(torchAssembly, (name, _, _) => name == ImportName ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // Another resolver owns the assembly. The patched library is already loaded under its soname,
            // so the loader's bare-name lookup of libLibTorchSharp.so still finds it.
        }
    }

    internal static string? FindOriginalLibrary()
    {
        var rid = $"linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        var torchFolder = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) ?? AppContext.BaseDirectory;
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", LibraryFileName),
            Path.Combine(AppContext.BaseDirectory, LibraryFileName),
            Path.Combine(torchFolder, "runtimes", rid, "native", LibraryFileName),
            Path.Combine(torchFolder, LibraryFileName),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Asks the dynamic loader whether libstdc++.so.6 defines the symbol under that version.</summary>
    internal static bool SystemLibstdcxxHasVersion(string version)
    {
        if (!NativeLibrary.TryLoad("libstdc++.so.6", out var libstdcxx)) return false;
        return Libc.DlVsym(libstdcxx, ProbeSymbol, version) != IntPtr.Zero;
    }

    /// <summary>Content-addressed, so a new TorchSharp version gets a new copy.</summary>
    internal static string PatchedCopyPath(string original)
    {
        using var stream = File.OpenRead(original);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
        return Path.Combine(CacheRoot(), "native-compat", hash, LibraryFileName);
    }

    internal static void WritePatchedCopy(string original, string destination)
    {
        var image = File.ReadAllBytes(original);
        var needs = new ElfVersionNeeds(image, original);
        if (!needs.RenameRequirement(MissingVersion, AvailableVersion))
            throw new InvalidDataException($"{original}: no {MissingVersion} requirement to rewrite.");
        // Temp file + rename: a concurrent process or a crash never leaves a half-written library behind.
        Runs.AtomicFile.WriteAllBytes(destination, image);
    }

    private static string CacheRoot()
    {
        var configured = Environment.GetEnvironmentVariable("HUMANOIDRL_CACHE");
        if (!string.IsNullOrEmpty(configured)) return configured;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "humanoid-rl");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home)
            ? Path.Combine(Path.GetTempPath(), "humanoid-rl")
            : Path.Combine(home, ".cache", "humanoid-rl");
    }
}
