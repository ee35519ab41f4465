using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Randomization.Terms;

/// <summary>payload_kg: extra mass on the base body; records the payload and the total mass against nominal.</summary>
internal sealed class PayloadTerm(double nominalTotalMassKg) : RandomizationTerm
{
    public override void Apply(MjModel model, RandomizationSpec spec, HumanoidBinding binding, Random random, EpisodeRandomization drawn)
    {
        var mass = model.BodyMass;
        var inertia = model.BodyInertia;
        double total = 0;
        for (var body = 1; body < mass.Length; body++) total += mass[body];
        var payload = spec.PayloadKg.Sample(random);
        var baseBody = binding.BaseBodyId;
        var baseScale = (mass[baseBody] + payload) / mass[baseBody];
        mass[baseBody] += payload;
        for (var axis = 0; axis < 3; axis++) inertia[(3 * baseBody) + axis] *= baseScale;
        drawn.PayloadKg = payload;
        drawn.TotalMassScale = (total + payload) / nominalTotalMassKg;
    }
}
