using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Randomization.Terms;

/// <summary>link_mass_scale: every link's mass and inertia times its own factor.</summary>
internal sealed class LinkMassTerm : RandomizationTerm
{
    public override void Apply(MjModel model, RandomizationSpec spec, HumanoidBinding binding, Random random, EpisodeRandomization drawn)
    {
        var mass = model.BodyMass;
        var inertia = model.BodyInertia;
        for (var body = 1; body < mass.Length; body++)
        {
            // Scaling mass and inertia together keeps each link's shape (uniform density change).
            var scale = spec.LinkMassScale.Sample(random);
            mass[body] *= scale;
            for (var axis = 0; axis < 3; axis++) inertia[(3 * body) + axis] *= scale;
        }
    }
}
