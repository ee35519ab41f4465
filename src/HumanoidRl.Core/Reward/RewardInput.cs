namespace HumanoidRl.Core.Reward;

/// <summary>The state a reward is computed from, for one environment and one policy step.</summary>
public ref struct RewardInput
{
    public double RollRad;
    public double PitchRad;
    public double BaseHeightM;

    /// <summary>Base linear velocity in the yaw-aligned body frame: forward, left (m/s).</summary>
    public double BaseVelocityXMPerS;
    public double BaseVelocityYMPerS;
    public double YawRateRadPerS;

    /// <summary>Command: vx, vy (m/s), yaw rate (rad/s).</summary>
    public ReadOnlySpan<float> Command;
    public ReadOnlySpan<double> JointPositionRad;
    public ReadOnlySpan<double> JointVelocityRadPerS;
    public ReadOnlySpan<double> PreviousJointVelocityRadPerS;
    public ReadOnlySpan<double> TorqueNm;
    public ReadOnlySpan<float> Action;
    public ReadOnlySpan<float> PreviousAction;

    /// <summary>Per foot: air time that just ended at touchdown (s), 0 otherwise.</summary>
    public ReadOnlySpan<double> FootTouchdownAirTimeS;

    /// <summary>Per foot: whether it touches the ground (only filled when foot_slip is weighted).</summary>
    public ReadOnlySpan<bool> FootOnGround;

    /// <summary>
    /// Per foot: horizontal velocity x, y in the world frame (m/s), 2 values per foot (only filled when foot_slip is weighted).
    /// </summary>
    public ReadOnlySpan<double> FootVelocityXyMPerS;

    /// <summary>
    /// Contacts of non-foot geoms with the ground plus contacts between robot parts (only counted when collision is weighted).
    /// </summary>
    public int CollisionCount;

    public bool Terminated;
}
