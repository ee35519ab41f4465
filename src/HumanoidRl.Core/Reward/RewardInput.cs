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

    public bool Terminated;
}
