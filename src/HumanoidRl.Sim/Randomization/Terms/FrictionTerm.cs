using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Randomization.Terms;

/// <summary>friction: one sliding friction coefficient for every geom (feet and floor).</summary>
internal sealed class FrictionTerm : RandomizationTerm
{
    public override void Apply(MjModel model, RandomizationSpec spec, HumanoidBinding binding, Random random, EpisodeRandomization drawn)
    {
        var friction = spec.Friction.Sample(random);
        var geomFriction = model.GeomFriction;
        for (var geom = 0; geom < geomFriction.Length / 3; geom++) geomFriction[3 * geom] = friction;
        drawn.Friction = friction;
    }
}
