namespace HumanoidRl.Core.Tasks;

/// <summary>A closed interval sampled uniformly; Min == Max means a fixed value.</summary>
public readonly record struct UniformRange(double Min, double Max)
{
    public static UniformRange Fixed(double value) => new(value, value);

    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Min == Max ? Min : Min + ((Max - Min) * random.NextDouble());
    }

    /// <summary>Uniform integer in [Min, Max], both ends included.</summary>
    public int SampleInteger(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next((int)Min, (int)Max + 1);
    }

    public bool Contains(double value) => value >= Min && value <= Max;

    public override string ToString() => FormattableString.Invariant($"[{Min}, {Max}]");
}
