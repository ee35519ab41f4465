using System.Runtime.InteropServices;

namespace HumanoidRl.MuJoCo;

/// <summary>
/// Raw libmujoco 2.2.2 entry points. Only this assembly talks to MuJoCo directly. MuJoCo calls exit() on
/// internal errors (bad keyframe or contact index), so callers validate indices before calling in.
/// </summary>
internal static unsafe partial class NativeMethods
{
    static NativeMethods() => MuJoCoLibrary.EnsureResolverRegistered();

    /// <summary>Library version times 100 (222 for 2.2.2).</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial int mj_version();

    /// <summary>Parses and compiles an MJCF/URDF file; null on failure with the reason in error.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr mj_loadXML(string filename, IntPtr vfs, byte* error, int errorSize);

    /// <summary>Copies a model into dest, or into a new allocation when dest is null; returns the copy.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial IntPtr mj_copyModel(IntPtr dest, IntPtr source);

    /// <summary>Allocates mjData for a model, reset to qpos0 and zero velocity.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial IntPtr mj_makeData(IntPtr model);

    /// <summary>Frees a model allocated by mj_loadXML or mj_copyModel.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_deleteModel(IntPtr model);

    /// <summary>Frees data allocated by mj_makeData.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_deleteData(IntPtr data);

    /// <summary>Advances the simulation by one timestep (opt.timestep seconds).</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_step(IntPtr model, IntPtr data);

    /// <summary>First half of mj_step: position and velocity stages, before ctrl and applied forces are read.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_step1(IntPtr model, IntPtr data);

    /// <summary>Second half of mj_step: actuation, acceleration and integration by opt.timestep seconds.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_step2(IntPtr model, IntPtr data);

    /// <summary>Forward dynamics (kinematics, contacts, sensors, qacc) without advancing time.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_forward(IntPtr model, IntPtr data);

    /// <summary>Resets data to qpos0, zero velocity, zero control and time 0 s.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_resetData(IntPtr model, IntPtr data);

    /// <summary>Resets data, then sets time, qpos, qvel, act and ctrl from keyframe key (exits on a bad key).</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_resetDataKeyframe(IntPtr model, IntPtr data, int key);

    /// <summary>Recomputes model constants (body_subtreemass, dof_invweight0, ...) at qpos0; uses data as scratch.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_setConst(IntPtr model, IntPtr data);

    /// <summary>Id of the object of type (mjtObj) with the given name; -1 when there is none.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mj_name2id(IntPtr model, int type, string name);

    /// <summary>Name of object id of type (mjtObj), NUL-terminated and owned by the model; null when invalid or unnamed.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial byte* mj_id2name(IntPtr model, int type, int id);

    /// <summary>Sum of all body masses in kg.</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial double mj_getTotalmass(IntPtr model);

    /// <summary>6D force:torque (N, N·m) of contact id in the contact frame, normal force first (exits on a bad id).</summary>
    [LibraryImport(MuJoCoLibrary.ImportName)]
    internal static partial void mj_contactForce(IntPtr model, IntPtr data, int id, double* result);
}
