using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Randomization.Terms;

/// <summary>action_delay_ticks, observation_delay_ticks: whole loop ticks of actuation and sensing latency.</summary>
internal sealed class LatencyTerm : RandomizationTerm
{
    public override void Apply(MjModel model, RandomizationSpec spec, HumanoidBinding binding, Random random, EpisodeRandomization drawn)
    {
        drawn.ActionDelayTicks = spec.ActionDelayTicks.SampleInteger(random);
        drawn.ObservationDelayTicks = spec.ObservationDelayTicks.SampleInteger(random);
    }
}
