namespace HumanoidRl.Core.Reward;

/// <summary>
/// Computes the weighted step reward, allocation-free. Only terms with a non-zero weight are evaluated, in the
/// order of the term list; per-term contributions can be written out for episode logging.
/// </summary>
public sealed class RewardCalculator
{
    private readonly IReadOnlyList<RewardTerm> _terms;
    private readonly int[] _activeTerms;
    private readonly RewardTerm[] _activeTermObjects;
    private readonly double[] _weights;
    private readonly RewardContext _context;

    /// <param name="terms">The terms that may be weighted; null: <see cref="RewardTerm.BuiltIn"/>.</param>
    public RewardCalculator(
        RewardWeights config, double policyDtS, ReadOnlySpan<double> jointLowerRad, ReadOnlySpan<double> jointUpperRad,
        IReadOnlyList<RewardTerm>? terms = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _context = new RewardContext(config, policyDtS, jointLowerRad, jointUpperRad);
        _terms = terms ?? RewardTerm.BuiltIn;
        _weights = [.. _terms.Select(config.Weight)];
        _activeTerms = [.. Enumerable.Range(0, _terms.Count).Where(i => _weights[i] != 0)];
        _activeTermObjects = [.. _activeTerms.Select(i => _terms[i])];
    }

    /// <summary>Length of a contributions array for the built-in terms.</summary>
    public static int TermCount => RewardTerm.BuiltIn.Count;

    /// <summary>The terms this calculator indexes contributions by.</summary>
    public IReadOnlyList<RewardTerm> Terms => _terms;

    /// <summary>Whether the term has a non-zero weight (inputs only it needs can be skipped otherwise).</summary>
    public bool Uses(RewardTerm term) => _weights[RewardTerm.IndexOf(_terms, term)] != 0;

    /// <summary>The step reward; contributions[i] receives weight x value x dt of term i when given (length Terms.Count).</summary>
    public double Compute(in RewardInput input, Span<double> contributions = default)
    {
        double total = 0;
        for (var k = 0; k < _activeTerms.Length; k++)
        {
            var index = _activeTerms[k];
            var contribution = _weights[index] * _activeTermObjects[k].Value(input, _context) * _context.PolicyDtS;
            if (!contributions.IsEmpty) contributions[index] += contribution;
            total += contribution;
        }
        return total;
    }
}
