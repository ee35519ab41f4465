namespace HumanoidRl.MuJoCo;

/// <summary>
/// Simulation state of one model (mjData). Array properties are views over MuJoCo's own memory (no copy,
/// no allocation), valid until this object is disposed; Step and Forward do not allocate either. A (model,
/// data) pair is used by one thread at a time; different pairs share nothing and may run in parallel.
/// </summary>
public sealed unsafe class MjData : IDisposable
{
    // Model sizes never change after compilation, so they are read once instead of on every view.
    private readonly int _nq;
    private readonly int _nv;
    private readonly int _nu;
    private readonly int _nbody;
    private readonly int _nsite;
    private readonly int _nsensordata;
    private readonly int _nkey;

    internal MjDataHandle Handle { get; }

    public MjData(MjModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var data = NativeMethods.mj_makeData(model.Pointer);
        if (data == IntPtr.Zero) throw new MuJoCoException($"{model.Describe()}: mj_makeData returned null (out of memory?).");
        Handle = new MjDataHandle(data);
        (_nq, _nv, _nu, _nbody, _nsite, _nsensordata, _nkey) =
            (model.Nq, model.Nv, model.Nu, model.Nbody, model.Nsite, model.Nsensordata, model.Nkey);
    }

    /// <summary>The model this data was made for; Step and friends use it.</summary>
    public MjModel Model { get; }

    /// <summary>Advances by one model timestep (mj_step).</summary>
    public void Step() => NativeMethods.mj_step(Model.Pointer, Pointer);

    /// <summary>First half of <see cref="Step"/> (mj_step1): set Ctrl and applied forces after it, then call <see cref="Step2"/>.</summary>
    public void Step1() => NativeMethods.mj_step1(Model.Pointer, Pointer);

    /// <summary>Second half of <see cref="Step"/> (mj_step2): actuation, dynamics and integration.</summary>
    public void Step2() => NativeMethods.mj_step2(Model.Pointer, Pointer);

    /// <summary>
    /// Computes kinematics, contacts, sensors and accelerations for the current state without advancing time (mj_forward).
    /// </summary>
    public void Forward() => NativeMethods.mj_forward(Model.Pointer, Pointer);

    /// <summary>Resets to qpos0, zero velocity, zero control, zero applied forces and time 0 (mj_resetData).</summary>
    public void Reset() => NativeMethods.mj_resetData(Model.Pointer, Pointer);

    /// <summary>Resets, then takes time, qpos, qvel, act and ctrl from keyframe <paramref name="keyId"/> (mj_resetDataKeyframe).</summary>
    public void ResetToKeyframe(int keyId)
    {
        // MuJoCo exits the process on a bad key, so it never gets one.
        if ((uint)keyId >= (uint)_nkey)
        {
            throw new ArgumentOutOfRangeException(nameof(keyId), keyId, $"{Model.Describe()}: keyframe id must be in [0, {_nkey}).");
        }
        NativeMethods.mj_resetDataKeyframe(Model.Pointer, Pointer, keyId);
    }

    /// <summary>Resets to the keyframe with the given name.</summary>
    public void ResetToKeyframe(string keyName) => ResetToKeyframe(Model.IdOf(MjObject.Key, keyName));

    /// <summary>Simulation time in seconds.</summary>
    public double TimeS
    {
        get => *(double*)(Raw + MjLayout.DataTime);
        set => *(double*)(Raw + MjLayout.DataTime) = value;
    }

    /// <summary>Generalized positions (nq): free joints xyz in m then quaternion wxyz, hinges in rad, slides in m.</summary>
    public Span<double> Qpos => Doubles(MjLayout.DataQpos, _nq);

    /// <summary>Generalized velocities (nv), rad/s or m/s; free joints linear (world frame) then angular (body frame).</summary>
    public Span<double> Qvel => Doubles(MjLayout.DataQvel, _nv);

    /// <summary>Generalized accelerations (nv), computed by Step/Forward.</summary>
    public Span<double> Qacc => Doubles(MjLayout.DataQacc, _nv);

    /// <summary>Actuator controls (nu), in each actuator's control units (N·m for a gear-1 motor on a hinge).</summary>
    public Span<double> Ctrl => Doubles(MjLayout.DataCtrl, _nu);

    /// <summary>Applied generalized forces (nv) in N·m or N; kept until changed or reset.</summary>
    public Span<double> QfrcApplied => Doubles(MjLayout.DataQfrcApplied, _nv);

    /// <summary>
    /// Applied Cartesian force (N) then torque (N·m) at each body's centre of mass, world frame (nbody x 6); kept until changed or reset.
    /// </summary>
    public Span<double> XfrcApplied => Doubles(MjLayout.DataXfrcApplied, _nbody * 6);

    /// <summary>Sensor outputs (nsensordata), each sensor at its <see cref="MjModel.SensorAdr"/>.</summary>
    public Span<double> Sensordata => Doubles(MjLayout.DataSensordata, _nsensordata);

    /// <summary>Body frame positions in m, world frame (nbody x 3).</summary>
    public Span<double> Xpos => Doubles(MjLayout.DataXpos, _nbody * 3);

    /// <summary>Body frame orientations, quaternion wxyz, world frame (nbody x 4).</summary>
    public Span<double> Xquat => Doubles(MjLayout.DataXquat, _nbody * 4);

    /// <summary>Body frame orientations, row-major rotation matrices, world frame (nbody x 9).</summary>
    public Span<double> Xmat => Doubles(MjLayout.DataXmat, _nbody * 9);

    /// <summary>Site positions in m, world frame (nsite x 3).</summary>
    public Span<double> SiteXpos => Doubles(MjLayout.DataSiteXpos, _nsite * 3);

    /// <summary>Site orientations, row-major rotation matrices, world frame (nsite x 9).</summary>
    public Span<double> SiteXmat => Doubles(MjLayout.DataSiteXmat, _nsite * 9);

    /// <summary>Actuator forces in generalized coordinates (nv), N·m or N.</summary>
    public Span<double> QfrcActuator => Doubles(MjLayout.DataQfrcActuator, _nv);

    /// <summary>
    /// Body velocities, angular (rad/s) then linear (m/s), world-aligned and taken at the centre of mass of the body's kinematic tree
    /// (nbody x 6); computed at the start of Step, so call Forward for the post-step value.
    /// </summary>
    public Span<double> Cvel => Doubles(MjLayout.DataCvel, _nbody * 6);

    /// <summary>Number of contacts detected by the last Step/Forward.</summary>
    public int Ncon => *(int*)(Raw + MjLayout.DataNcon);

    /// <summary>The contacts detected by the last Step/Forward (Ncon), read in place.</summary>
    public ReadOnlySpan<MjContact> Contacts => new(*(MjContact**)(Raw + MjLayout.DataContact), Ncon);

    /// <summary>
    /// Force (N) then torque (N·m) of contact <paramref name="contactIndex"/> in its contact frame, normal force first (mj_contactForce).
    /// </summary>
    public void ContactForce(int contactIndex, Span<double> forceTorque)
    {
        if (forceTorque.Length < 6)
        {
            throw new ArgumentException($"needs room for 6 values (force xyz, torque xyz), got {forceTorque.Length}.", nameof(forceTorque));
        }
        var ncon = Ncon;
        // MuJoCo exits the process on a bad contact id, so it never gets one.
        if ((uint)contactIndex >= (uint)ncon)
        {
            throw new ArgumentOutOfRangeException(nameof(contactIndex), contactIndex, $"contact index must be in [0, {ncon}) (Ncon).");
        }
        fixed (double* result = forceTorque)
        {
            NativeMethods.mj_contactForce(Model.Pointer, Pointer, contactIndex, result);
        }
    }

    /// <summary>Normal force in N of contact <paramref name="contactIndex"/> (positive pushes the geoms apart).</summary>
    public double ContactNormalForceN(int contactIndex)
    {
        Span<double> forceTorque = stackalloc double[6];
        ContactForce(contactIndex, forceTorque);
        return forceTorque[0];
    }

    public void Dispose() => Handle.Dispose();

    /// <summary>The mjData*, checked against use after dispose (a dangling pointer would crash the process).</summary>
    internal IntPtr Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
            return Handle.DangerousGetHandle();
        }
    }

    private byte* Raw => (byte*)Pointer;

    private Span<double> Doubles(int pointerOffset, int length) => new(*(double**)(Raw + pointerOffset), length);
}
