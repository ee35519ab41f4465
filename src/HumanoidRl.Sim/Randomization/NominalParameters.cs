using HumanoidRl.MuJoCo;

namespace HumanoidRl.Sim.Randomization;

/// <summary>
/// The model's parameters before randomization. Restored before every resample so randomization never
/// compounds across episodes.
/// </summary>
public sealed class NominalParameters
{
    private readonly double[] _bodyMass;
    private readonly double[] _bodyInertia;
    private readonly double[] _geomFriction;
    private readonly double[] _dofDamping;
    private readonly double[] _dofArmature;

    public NominalParameters(MjModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _bodyMass = model.BodyMass.ToArray();
        _bodyInertia = model.BodyInertia.ToArray();
        _geomFriction = model.GeomFriction.ToArray();
        _dofDamping = model.DofDamping.ToArray();
        _dofArmature = model.DofArmature.ToArray();
    }

    public ReadOnlySpan<double> BodyMass => _bodyMass;

    public ReadOnlySpan<double> BodyInertia => _bodyInertia;

    public ReadOnlySpan<double> GeomFriction => _geomFriction;

    public ReadOnlySpan<double> DofDamping => _dofDamping;

    public ReadOnlySpan<double> DofArmature => _dofArmature;

    public void RestoreInto(MjModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _bodyMass.CopyTo(model.BodyMass);
        _bodyInertia.CopyTo(model.BodyInertia);
        _geomFriction.CopyTo(model.GeomFriction);
        _dofDamping.CopyTo(model.DofDamping);
        _dofArmature.CopyTo(model.DofArmature);
    }
}
