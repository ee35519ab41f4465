namespace HumanoidRl.Evaluation;

/// <summary>
/// 95 % Wilson score interval of a success rate: honest at small counts and at rates near 0 or 1, where the
/// normal approximation (p +- 1.96 sqrt(p(1-p)/n)) collapses to a point at 50 of 50.
/// </summary>
public static class WilsonInterval
{
    private const double Z95 = 1.959963984540054;

    public static (double Low, double High) Of95(int successes, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        var rate = successes / (double)trials;
        var zSquaredOverN = Z95 * Z95 / trials;
        var denominator = 1 + zSquaredOverN;
        var centre = (rate + (zSquaredOverN / 2)) / denominator;
        var halfWidth = Z95 * Math.Sqrt((rate * (1 - rate) / trials) + (zSquaredOverN / (4 * trials))) / denominator;
        return (Math.Max(0, centre - halfWidth), Math.Min(1, centre + halfWidth));
    }
}
