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
    private readonly RandomizationTerm[] _terms;

    /// <param name="terms">The terms in draw order; null: <see cref="BuiltIn"/>.</param>
    public DomainRandomizer(
        RandomizationSpec spec, HumanoidBinding binding, NominalParameters nominal, IReadOnlyList<RandomizationTerm>? terms = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(nominal);
        _spec = spec;
        _binding = binding;
        _nominal = nominal;
        double total = 0;
        foreach (var mass in nominal.BodyMass) total += mass;
        _terms = [.. terms ?? BuiltIn(total)];
    }

    /// <summary>The terms, in the order they draw from the episode's random source.</summary>
    public static IReadOnlyList<RandomizationTerm> BuiltIn(double nominalTotalMassKg) =>
    [
        new Terms.LinkMassTerm(),
        new Terms.PayloadTerm(nominalTotalMassKg),
        new Terms.FrictionTerm(),
        new Terms.JointDynamicsTerm(),
        new Terms.LatencyTerm(),
    ];

    public RandomizationSpec Spec => _spec;

    /// <summary>Restores the nominal model, draws new values from <paramref name="random"/> and applies them.</summary>
    public void Apply(MjModel model, MjData data, Random random, EpisodeRandomization drawn)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(drawn);
        _nominal.RestoreInto(model);
        foreach (var term in _terms) term.Apply(model, _spec, _binding, random, drawn);
        model.SetConst(data);
    }
}
