namespace HumanoidRl.Core.Reward.Terms;

/// <summary>The sums several reward terms share.</summary>
internal static class RewardSums
{
    public static double Square(double x) => x * x;

    public static double LinearVelocityErrorSquared(in RewardInput input) =>
        Square(input.Command[0] - input.BaseVelocityXMPerS) + Square(input.Command[1] - input.BaseVelocityYMPerS);

    public static double SumOfSquares(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v * v;
        return sum;
    }

    public static double SquaredDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Square(a[i] - (double)b[i]);
        return sum;
    }
}
