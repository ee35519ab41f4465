using System.Runtime.InteropServices;

namespace HumanoidRl.MuJoCo;

/// <summary>Raw libmujoco 2.2.2 entry points. Only this assembly talks to MuJoCo directly.</summary>
internal static unsafe partial class NativeMethods
{
    static NativeMethods() => MuJoCoLibrary.EnsureResolverRegistered();

    /// <summary>Library version times 100 (222 for 2.2.2).</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial int mj_version();

    /// <summary>Parses and compiles an MJCF/URDF file; null on failure with the reason in error.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr mj_loadXML(string filename, IntPtr vfs, byte* error, int errorSize);

    /// <summary>Allocates mjData for a model.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial IntPtr mj_makeData(IntPtr model);

    /// <summary>Advances the simulation by one timestep (opt.timestep seconds).</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_step(IntPtr model, IntPtr data);

    /// <summary>Frees a model allocated by mj_loadXML or mj_copyModel.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_deleteModel(IntPtr model);

    /// <summary>Frees data allocated by mj_makeData.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_deleteData(IntPtr data);
}
