using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Randomization;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Tests.Randomization;

public sealed class RandomizationTermTests
{
    /// <summary>A term defined outside the product: the floor's friction drawn from [0.4, 0.6].</summary>
    private sealed class FloorFrictionTerm : RandomizationTerm
    {
        public override void Apply(
            MjModel model, RandomizationSpec spec, HumanoidBinding binding, Random random, EpisodeRandomization drawn)
        {
            drawn.Friction = 0.4 + (0.2 * random.NextDouble());
            model.GeomFriction[0] = drawn.Friction;
        }
    }

    [Fact]
    public void A_term_registered_with_the_randomizer_draws_and_applies_its_values_alone()
    {
        using var task = TestTasks.Create(TestTasks.Balance());
        using var model = task.NominalModel.Copy();
        using var data = new MjData(model);
        var drawn = new EpisodeRandomization(task.JointCount);
        var randomizer = new DomainRandomizer(new RandomizationSpec(), task.Binding, task.Nominal, [new FloorFrictionTerm()]);
        var nominalMass = model.TotalMassKg;

        randomizer.Apply(model, data, new Random(3), drawn);

        Assert.InRange(drawn.Friction, 0.4, 0.6);
        Assert.Equal(drawn.Friction, model.GeomFriction[0]);
        Assert.Equal(nominalMass, model.TotalMassKg, precision: 12);
    }
}
