namespace HumanoidRl.Daemon.Config;

/// <summary>A closed interval a velocity command component is clamped to.</summary>
public readonly record struct CommandRange(double Min, double Max)
{
    public double Clamp(double value) => Math.Clamp(value, Min, Max);

    public override string ToString() => FormattableString.Invariant($"[{Min}, {Max}]");
}

/// <summary>Configured ranges of the operator's velocity command.</summary>
public sealed record VelocityLimits(CommandRange VxMPerS, CommandRange VyMPerS, CommandRange YawRateRadPerS);
