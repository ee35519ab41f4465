namespace HumanoidRl.Core.Tasks;

/// <summary>Velocity commands sampled per episode and resampled within it.</summary>
public sealed record CommandSpec
{
    public UniformRange ForwardMPerS { get; init; } = UniformRange.Fixed(0);

    public UniformRange LateralMPerS { get; init; } = UniformRange.Fixed(0);

    public UniformRange YawRateRadPerS { get; init; } = UniformRange.Fixed(0);

    /// <summary>Share of commands that are exactly zero (stand still).</summary>
    public double ZeroFraction { get; init; } = 1.0;

    /// <summary>Seconds between resamples within an episode; 0 = once per episode.</summary>
    public double ResampleIntervalS { get; init; }

    /// <summary>Training-only widening of the ranges; null: the full ranges from the start.</summary>
    public CommandCurriculumSpec? Curriculum { get; init; }

    /// <summary>Whether a command other than standing still can be drawn.</summary>
    public bool CanMove =>
        ZeroFraction < 1 && (ForwardMPerS != UniformRange.Fixed(0) || LateralMPerS != UniformRange.Fixed(0)
            || YawRateRadPerS != UniformRange.Fixed(0));

    public void Sample(Random random, Span<float> command) => Sample(random, command, 1.0);

    /// <summary>Samples from the ranges scaled by <paramref name="rangeFraction"/> (the curriculum's fraction).</summary>
    public void Sample(Random random, Span<float> command, double rangeFraction)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random.NextDouble() < ZeroFraction)
        {
            command[..3].Clear();
            return;
        }
        command[0] = (float)(ForwardMPerS.Sample(random) * rangeFraction);
        command[1] = (float)(LateralMPerS.Sample(random) * rangeFraction);
        command[2] = (float)(YawRateRadPerS.Sample(random) * rangeFraction);
    }
}
