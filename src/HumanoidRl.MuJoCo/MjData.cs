namespace HumanoidRl.MuJoCo;

/// <summary>Simulation state of one model instance (mjData).</summary>
public sealed unsafe class MjData : IDisposable
{
    private readonly MjModel _model;

    internal MjDataHandle Handle { get; }

    public MjData(MjModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        var data = NativeMethods.mj_makeData(model.Handle.DangerousGetHandle());
        if (data == IntPtr.Zero) throw new MuJoCoException("mj_makeData returned null (out of memory?).");
        Handle = new MjDataHandle(data);
    }

    private byte* Raw => (byte*)Handle.DangerousGetHandle();

    /// <summary>Simulation time in seconds.</summary>
    public double TimeS => *(double*)(Raw + MjLayout.DataTime);

    /// <summary>Generalized positions, a view over MuJoCo's own array (no copy).</summary>
    public Span<double> Qpos => new(*(double**)(Raw + MjLayout.DataQpos), _model.Nq);

    /// <summary>Generalized velocities, a view over MuJoCo's own array (no copy).</summary>
    public Span<double> Qvel => new(*(double**)(Raw + MjLayout.DataQvel), _model.Nv);

    /// <summary>Advances by one model timestep.</summary>
    public void Step() => NativeMethods.mj_step(_model.Handle.DangerousGetHandle(), Handle.DangerousGetHandle());

    public void Dispose() => Handle.Dispose();
}
