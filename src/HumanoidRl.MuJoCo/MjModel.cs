namespace HumanoidRl.MuJoCo;

/// <summary>A compiled MuJoCo model (mjModel).</summary>
public sealed unsafe class MjModel : IDisposable
{
    private const int ErrorBufferBytes = 1000;

    internal MjModelHandle Handle { get; }

    private MjModel(MjModelHandle handle) => Handle = handle;

    /// <summary>Source file the model was compiled from.</summary>
    public string? SourcePath { get; private init; }

    /// <summary>Loads and compiles an MJCF file; MuJoCo's own error text is in the exception with the path.</summary>
    public static MjModel LoadXml(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"{fullPath}: MuJoCo model file not found.", fullPath);

        var error = stackalloc byte[ErrorBufferBytes];
        var model = NativeMethods.mj_loadXML(fullPath, IntPtr.Zero, error, ErrorBufferBytes);
        if (model == IntPtr.Zero)
        {
            var reason = new string((sbyte*)error).Trim();
            throw new MuJoCoException($"{fullPath}: MuJoCo could not load the model: {(reason.Length > 0 ? reason : "no reason given")}");
        }
        return new MjModel(new MjModelHandle(model)) { SourcePath = fullPath };
    }

    private byte* Raw => (byte*)Handle.DangerousGetHandle();

    /// <summary>Number of generalized coordinates (length of qpos).</summary>
    public int Nq => *(int*)(Raw + MjLayout.ModelNq);

    /// <summary>Number of degrees of freedom (length of qvel).</summary>
    public int Nv => *(int*)(Raw + MjLayout.ModelNv);

    /// <summary>Physics timestep in seconds (opt.timestep).</summary>
    public double TimestepS => *(double*)(Raw + MjLayout.ModelOptTimestep);

    public void Dispose() => Handle.Dispose();
}
