using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Randomization;

/// <summary>
/// Draws and applies one episode's physical randomization to an environment's own model copy: link masses
/// and a base payload, friction, joint damping and armature, motor strength, PD gain scale and latencies.
/// The nominal model is restored first, and derived constants are recomputed after mass changes.
/// </summary>
public sealed class DomainRandomizer
{
    private readonly RandomizationSpec _spec;
    private readonly HumanoidBinding _binding;
    private readonly NominalParameters _nominal;
    private readonly double _nominalTotalMassKg;

    public DomainRandomizer(RandomizationSpec spec, HumanoidBinding binding, NominalParameters nominal)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(nominal);
        _spec = spec;
        _binding = binding;
        _nominal = nominal;
        double total = 0;
        foreach (var mass in nominal.BodyMass) total += mass;
        _nominalTotalMassKg = total;
    }

    public RandomizationSpec Spec => _spec;

    /// <summary>Restores the nominal model, draws new values from <paramref name="random"/> and applies them.</summary>
    public void Apply(MjModel model, MjData data, Random random, EpisodeRandomization drawn)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(drawn);
        _nominal.RestoreInto(model);

        var mass = model.BodyMass;
        var inertia = model.BodyInertia;
        double total = 0;
        for (var body = 1; body < mass.Length; body++)
        {
            // Scaling mass and inertia together keeps each link's shape (uniform density change).
            var scale = _spec.LinkMassScale.Sample(random);
            mass[body] *= scale;
            for (var axis = 0; axis < 3; axis++) inertia[(3 * body) + axis] *= scale;
            total += mass[body];
        }
        var payload = _spec.PayloadKg.Sample(random);
        var baseBody = _binding.BaseBodyId;
        var baseScale = (mass[baseBody] + payload) / mass[baseBody];
        mass[baseBody] += payload;
        for (var axis = 0; axis < 3; axis++) inertia[(3 * baseBody) + axis] *= baseScale;
        drawn.PayloadKg = payload;
        drawn.TotalMassScale = (total + payload) / _nominalTotalMassKg;

        var friction = _spec.Friction.Sample(random);
        var geomFriction = model.GeomFriction;
        for (var geom = 0; geom < geomFriction.Length / 3; geom++) geomFriction[3 * geom] = friction;
        drawn.Friction = friction;

        var damping = model.DofDamping;
        var armature = model.DofArmature;
        for (var j = 0; j < _binding.JointDofAdr.Length; j++)
        {
            var dof = _binding.JointDofAdr[j];
            damping[dof] *= _spec.JointDampingScale.Sample(random);
            armature[dof] *= _spec.ArmatureScale.Sample(random);
            drawn.MotorStrengthScale[j] = _spec.MotorStrengthScale.Sample(random);
            drawn.PdGainScale[j] = _spec.PdGainScale.Sample(random);
        }
        drawn.ActionDelayTicks = _spec.ActionDelayTicks.SampleInteger(random);
        drawn.ObservationDelayTicks = _spec.ObservationDelayTicks.SampleInteger(random);

        model.SetConst(data);
    }
}
