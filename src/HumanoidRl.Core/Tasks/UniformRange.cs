namespace HumanoidRl.Core.Tasks;

/// <summary>
/// A closed interval [Min, Max]: sampled uniformly (randomization, commands; Min == Max is a fixed value) or
/// clamped to (command limits).
/// </summary>
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

    public double Clamp(double value) => Math.Clamp(value, Min, Max);

    public override string ToString() => FormattableString.Invariant($"[{Min}, {Max}]");
}
