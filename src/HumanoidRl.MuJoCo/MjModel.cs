namespace HumanoidRl.MuJoCo;

/// <summary>
/// A compiled MuJoCo model (mjModel). Array properties are views over MuJoCo's own memory (no copy, no
/// allocation): writing to them changes the model, which is how domain randomization works on a
/// <see cref="Copy"/>. A view is valid until the model is disposed. Instances share no mutable state, so
/// different models may be used on different threads at the same time.
/// </summary>
public sealed unsafe class MjModel : IDisposable
{
    private const int ErrorBufferBytes = 1000;

    /// <summary>Number of gain parameters per actuator (mjNGAIN), the row stride of <see cref="ActuatorGainprm"/>.</summary>
    public const int GainParameterCount = MjLayout.NGain;

    /// <summary>Number of bias parameters per actuator (mjNBIAS), the row stride of <see cref="ActuatorBiasprm"/>.</summary>
    public const int BiasParameterCount = MjLayout.NBias;

    internal MjModelHandle Handle { get; }

    private MjModel(MjModelHandle handle, string? sourcePath)
    {
        Handle = handle;
        SourcePath = sourcePath;
    }

    /// <summary>Source file the model was compiled from (also for copies).</summary>
    public string? SourcePath { get; }

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
        return new MjModel(new MjModelHandle(model), fullPath);
    }

    /// <summary>An independent deep copy (mj_copyModel), e.g. one per environment for domain randomization.</summary>
    public MjModel Copy()
    {
        var copy = NativeMethods.mj_copyModel(IntPtr.Zero, Pointer);
        if (copy == IntPtr.Zero) throw new MuJoCoException($"{Describe()}: mj_copyModel returned null (out of memory?).");
        return new MjModel(new MjModelHandle(copy), SourcePath);
    }

    /// <summary>
    /// Recomputes derived constants (subtree masses, inverse weights, ...) after body masses or inertias were
    /// changed; <paramref name="data"/> (made from this model) is used as scratch and left at qpos0.
    /// </summary>
    public void SetConst(MjData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!ReferenceEquals(data.Model, this))
        {
            throw new ArgumentException(
                $"{Describe()}: SetConst needs an MjData made from this model, got one made from {data.Model.Describe()}.", nameof(data));
        }
        NativeMethods.mj_setConst(Pointer, data.Pointer);
    }

    /// <summary>Sum of all body masses in kg (mj_getTotalmass).</summary>
    public double TotalMassKg => NativeMethods.mj_getTotalmass(Pointer);

    /// <summary>Id of the named object; throws <see cref="KeyNotFoundException"/> naming the object and the model file.</summary>
    public int IdOf(MjObject type, string name)
    {
        if (TryIdOf(type, name, out var id)) return id;
        throw new KeyNotFoundException($"{Describe()}: no {type} named '{name}'.");
    }

    /// <summary>Id of the named object, or false when the model has no such object.</summary>
    public bool TryIdOf(MjObject type, string name, out int id)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Enum.IsDefined(type)) throw new ArgumentOutOfRangeException(nameof(type), type, "not a MuJoCo object type (mjtObj)");
        id = NativeMethods.mj_name2id(Pointer, (int)type, name);
        return id >= 0;
    }

    /// <summary>Name of object <paramref name="id"/>, or null when that object has no name or does not exist.</summary>
    public string? NameOf(MjObject type, int id)
    {
        if (!Enum.IsDefined(type)) throw new ArgumentOutOfRangeException(nameof(type), type, "not a MuJoCo object type (mjtObj)");
        var name = NativeMethods.mj_id2name(Pointer, (int)type, id);
        return name == null ? null : new string((sbyte*)name);
    }

    // Sizes.

    /// <summary>Number of generalized coordinates (length of qpos).</summary>
    public int Nq => Int(MjLayout.ModelNq);

    /// <summary>Number of degrees of freedom (length of qvel).</summary>
    public int Nv => Int(MjLayout.ModelNv);

    /// <summary>Number of actuators (length of ctrl).</summary>
    public int Nu => Int(MjLayout.ModelNu);

    /// <summary>Number of bodies, including the world body (id 0).</summary>
    public int Nbody => Int(MjLayout.ModelNbody);

    /// <summary>Number of joints.</summary>
    public int Njnt => Int(MjLayout.ModelNjnt);

    /// <summary>Number of geoms.</summary>
    public int Ngeom => Int(MjLayout.ModelNgeom);

    /// <summary>Number of sites.</summary>
    public int Nsite => Int(MjLayout.ModelNsite);

    /// <summary>Number of sensors.</summary>
    public int Nsensor => Int(MjLayout.ModelNsensor);

    /// <summary>Number of scalars in sensordata.</summary>
    public int Nsensordata => Int(MjLayout.ModelNsensordata);

    /// <summary>Number of keyframes.</summary>
    public int Nkey => Int(MjLayout.ModelNkey);

    // Options.

    /// <summary>Physics timestep in seconds (opt.timestep).</summary>
    public double TimestepS
    {
        get => *(double*)(Raw + MjLayout.ModelOptTimestep);
        set
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(value), value, $"{Describe()}: the timestep must be a positive number of seconds.");
            }
            *(double*)(Raw + MjLayout.ModelOptTimestep) = value;
        }
    }

    /// <summary>Gravitational acceleration in m/s², world frame (opt.gravity, 3).</summary>
    public Span<double> Gravity => new(Raw + MjLayout.ModelOptGravity, 3);

    // Bodies.

    /// <summary>Parent body id of each body (nbody).</summary>
    public Span<int> BodyParentId => Ints(MjLayout.ModelBodyParentid, Nbody);

    /// <summary>Id of the root body (child of world) above each body (nbody).</summary>
    public Span<int> BodyRootId => Ints(MjLayout.ModelBodyRootid, Nbody);

    /// <summary>Body frame position in m relative to the parent (nbody x 3).</summary>
    public Span<double> BodyPos => Doubles(MjLayout.ModelBodyPos, Nbody * 3);

    /// <summary>Body frame orientation relative to the parent, quaternion wxyz (nbody x 4).</summary>
    public Span<double> BodyQuat => Doubles(MjLayout.ModelBodyQuat, Nbody * 4);

    /// <summary>Centre of mass in m in the body frame (nbody x 3).</summary>
    public Span<double> BodyIpos => Doubles(MjLayout.ModelBodyIpos, Nbody * 3);

    /// <summary>Body mass in kg (nbody); call <see cref="SetConst"/> after changing it.</summary>
    public Span<double> BodyMass => Doubles(MjLayout.ModelBodyMass, Nbody);

    /// <summary>Mass in kg of the subtree starting at each body (nbody), derived: updated by <see cref="SetConst"/>.</summary>
    public Span<double> BodySubtreeMass => Doubles(MjLayout.ModelBodySubtreemass, Nbody);

    /// <summary>
    /// Diagonal inertia in kg·m² in the body's inertial frame (nbody x 3); call <see cref="SetConst"/> after changing it.
    /// </summary>
    public Span<double> BodyInertia => Doubles(MjLayout.ModelBodyInertia, Nbody * 3);

    // Joints and dofs.

    /// <summary>Joint type of each joint, values of <see cref="MjJointType"/> (njnt).</summary>
    public Span<int> JntType => Ints(MjLayout.ModelJntType, Njnt);

    /// <summary>Start index of each joint's coordinates in qpos (njnt).</summary>
    public Span<int> JntQposAdr => Ints(MjLayout.ModelJntQposadr, Njnt);

    /// <summary>Start index of each joint's dofs in qvel (njnt).</summary>
    public Span<int> JntDofAdr => Ints(MjLayout.ModelJntDofadr, Njnt);

    /// <summary>1 where the joint has limits (njnt).</summary>
    public Span<byte> JntLimited => Bytes(MjLayout.ModelJntLimited, Njnt);

    /// <summary>Joint limits, lower and upper, in rad (hinge) or m (slide) (njnt x 2).</summary>
    public Span<double> JntRange => Doubles(MjLayout.ModelJntRange, Njnt * 2);

    /// <summary>Viscous damping in N·m·s/rad or N·s/m (nv).</summary>
    public Span<double> DofDamping => Doubles(MjLayout.ModelDofDamping, Nv);

    /// <summary>Armature (reflected rotor inertia) in kg·m² or kg (nv).</summary>
    public Span<double> DofArmature => Doubles(MjLayout.ModelDofArmature, Nv);

    /// <summary>Dry friction loss in N·m or N (nv).</summary>
    public Span<double> DofFrictionloss => Doubles(MjLayout.ModelDofFrictionloss, Nv);

    // Geoms.

    /// <summary>Body id of each geom (ngeom).</summary>
    public Span<int> GeomBodyId => Ints(MjLayout.ModelGeomBodyid, Ngeom);

    /// <summary>Geom-type-specific size parameters in m (ngeom x 3).</summary>
    public Span<double> GeomSize => Doubles(MjLayout.ModelGeomSize, Ngeom * 3);

    /// <summary>Sliding, torsional and rolling friction coefficients (ngeom x 3).</summary>
    public Span<double> GeomFriction => Doubles(MjLayout.ModelGeomFriction, Ngeom * 3);

    // Actuators.

    /// <summary>Transmission target ids (joint, tendon or site; second entry for site transmissions) (nu x 2).</summary>
    public Span<int> ActuatorTrnid => Ints(MjLayout.ModelActuatorTrnid, Nu * 2);

    /// <summary>Gain parameters (nu x <see cref="GainParameterCount"/>); [0] is the kp of position actuators.</summary>
    public Span<double> ActuatorGainprm => Doubles(MjLayout.ModelActuatorGainprm, Nu * GainParameterCount);

    /// <summary>Bias parameters (nu x <see cref="BiasParameterCount"/>).</summary>
    public Span<double> ActuatorBiasprm => Doubles(MjLayout.ModelActuatorBiasprm, Nu * BiasParameterCount);

    /// <summary>Control range, lower and upper, in control units (nu x 2).</summary>
    public Span<double> ActuatorCtrlrange => Doubles(MjLayout.ModelActuatorCtrlrange, Nu * 2);

    /// <summary>Transmission gear (nu x 6); for a joint transmission [0] scales ctrl to joint force.</summary>
    public Span<double> ActuatorGear => Doubles(MjLayout.ModelActuatorGear, Nu * 6);

    // Sensors.

    /// <summary>Sensor type of each sensor, values of <see cref="MjSensorType"/> (nsensor).</summary>
    public Span<int> SensorType => Ints(MjLayout.ModelSensorType, Nsensor);

    /// <summary>Start index of each sensor's output in sensordata (nsensor).</summary>
    public Span<int> SensorAdr => Ints(MjLayout.ModelSensorAdr, Nsensor);

    /// <summary>Number of scalars each sensor outputs (nsensor).</summary>
    public Span<int> SensorDim => Ints(MjLayout.ModelSensorDim, Nsensor);

    // Keyframes.

    /// <summary>Keyframe positions (nkey x nq).</summary>
    public Span<double> KeyQpos => Doubles(MjLayout.ModelKeyQpos, Nkey * Nq);

    /// <summary>Keyframe velocities (nkey x nv).</summary>
    public Span<double> KeyQvel => Doubles(MjLayout.ModelKeyQvel, Nkey * Nv);

    /// <summary>Keyframe controls (nkey x nu).</summary>
    public Span<double> KeyCtrl => Doubles(MjLayout.ModelKeyCtrl, Nkey * Nu);

    public void Dispose() => Handle.Dispose();

    /// <summary>The mjModel*, checked against use after dispose (a dangling pointer would crash the process).</summary>
    internal IntPtr Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
            return Handle.DangerousGetHandle();
        }
    }

    internal string Describe() => SourcePath ?? "MuJoCo model";

    private byte* Raw => (byte*)Pointer;

    private int Int(int offset) => *(int*)(Raw + offset);

    private Span<double> Doubles(int pointerOffset, int length) => new(*(double**)(Raw + pointerOffset), length);

    private Span<int> Ints(int pointerOffset, int length) => new(*(int**)(Raw + pointerOffset), length);

    private Span<byte> Bytes(int pointerOffset, int length) => new(*(byte**)(Raw + pointerOffset), length);
}
