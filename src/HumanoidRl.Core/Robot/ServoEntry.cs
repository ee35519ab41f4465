namespace HumanoidRl.Core.Robot;

/// <summary>
/// The keys of one joint's servo mapping as read; null where the key was missing or unreadable (already reported),
/// so the bus and ID checks only see values that were read.
/// </summary>
internal sealed record ServoEntry(string? Bus, long? MotorId, long? Direction, double? ZeroOffsetRad)
{
    public static ServoEntry Unread { get; } = new(null, null, null, null);

    /// <summary>The wiring, with 0 or "" for what was not read.</summary>
    public ServoWiring ToWiring() => new(Bus ?? "", (int)(MotorId ?? 0), (int)(Direction ?? 0), ZeroOffsetRad ?? 0);
}
