using System.Reflection;
using System.Runtime.InteropServices;

namespace HumanoidRl.MuJoCo;

/// <summary>
/// Resolves the "mujoco" import name to Debian/Ubuntu's libmujoco 2.2.2, the version whose struct
/// layouts these bindings are written against.
/// </summary>
public static class MuJoCoLibrary
{
    /// <summary>Name used in every [DllImport] of this assembly.</summary>
    internal const string ImportName = "mujoco";

    /// <summary>Version number reported by mj_version() for the layouts bound here.</summary>
    public const int ExpectedVersion = 222;

    /// <summary>The shared object file the Debian package installs.</summary>
    public const string SharedObjectName = "libmujoco.so.2.2.2";

    /// <summary>The Debian/Ubuntu package that provides <see cref="SharedObjectName"/>.</summary>
    public const string PackageName = "libmujoco2.2.2";

    private static readonly Lazy<IntPtr> Handle = new(LoadOrThrow);

    /// <summary>Registers the resolver; runs once when the assembly's bindings are first used.</summary>
    internal static void EnsureResolverRegistered() => _ = Registration.Value;

    private static readonly Lazy<bool> Registration = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(MuJoCoLibrary).Assembly, Resolve);
        return true;
    });

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ImportName ? Handle.Value : IntPtr.Zero;

    /// <summary>Loads libmujoco now; the exception says which package to install when it is missing.</summary>
    public static void Load() => _ = Handle.Value;

    /// <summary>mj_version() of the loaded library (222 for 2.2.2).</summary>
    public static int Version
    {
        get
        {
            EnsureResolverRegistered();
            return NativeMethods.mj_version();
        }
    }

    private static IntPtr LoadOrThrow()
    {
        // An explicit override first (a MuJoCo built from source), then the soname of the packaged library.
        var overridePath = Environment.GetEnvironmentVariable("HUMANOIDRL_MUJOCO_LIB");
        if (!string.IsNullOrEmpty(overridePath))
        {
            if (NativeLibrary.TryLoad(overridePath, out var fromOverride)) return fromOverride;
            throw new DllNotFoundException(
                $"HUMANOIDRL_MUJOCO_LIB={overridePath} could not be loaded; point it at a libmujoco " +
                $"{ExpectedVersion / 100}.{ExpectedVersion / 10 % 10}.{ExpectedVersion % 10} shared object or unset it.");
        }
        if (NativeLibrary.TryLoad(SharedObjectName, out var handle)) return handle;
        throw new DllNotFoundException(
            $"{SharedObjectName} was not found. Install it with: sudo apt-get install {PackageName} " +
            "(Debian 12 / Ubuntu 22.04+), or set HUMANOIDRL_MUJOCO_LIB to the path of a MuJoCo 2.2.2 library.");
    }
}
