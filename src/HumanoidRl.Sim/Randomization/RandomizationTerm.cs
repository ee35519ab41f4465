using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Randomization;

/// <summary>
/// One part of an episode's physical randomization: draws its values from the task's ranges, applies them to the
/// environment's model and records them in the drawn values the critic sees. A term is one class (in Terms/) plus
/// one line in <see cref="DomainRandomizer.BuiltIn"/>, whose order is the order of the random draws.
/// </summary>
public abstract class RandomizationTerm
{
    /// <summary>Applies one draw to a model already restored to its nominal parameters; allocation-free.</summary>
    public abstract void Apply(MjModel model, RandomizationSpec spec, HumanoidBinding binding, Random random, EpisodeRandomization drawn);
}
