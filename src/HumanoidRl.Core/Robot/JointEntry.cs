namespace HumanoidRl.Core.Robot;

/// <summary>
/// The scalar keys of one joints[i] entry as read; null where the key was missing or unreadable (already reported),
/// so the rules across keys only check values that were read.
/// </summary>
internal sealed record JointEntry(
    string? Name, string? MjcfJoint, string? Motor, double? TorqueLimitNm, double? VelocityLimitRadPerS, double? DefaultAngleRad)
{
    public static JointEntry Unread { get; } = new(null, null, null, null, null, null);
}
