namespace HumanoidRl.Core.Reward;

/// <summary>The reward terms a task may weight. Each is computed per policy step from <see cref="RewardInput"/>.</summary>
public enum RewardTerm
{
    /// <summary>-(roll^2 + pitch^2), rad^2: the core stability term, always present.</summary>
    Stability,

    /// <summary>+1 while the episode runs.</summary>
    Alive,

    /// <summary>-sum(tau^2), N^2 m^2.</summary>
    Torque,

    /// <summary>-sum((a - a_prev)^2) over normalized actions.</summary>
    ActionRate,

    /// <summary>-sum(qdd^2), (rad/s^2)^2, from consecutive joint velocities.</summary>
    JointAcceleration,

    /// <summary>-sum of how far joints are beyond the soft position limits, rad.</summary>
    JointLimits,

    /// <summary>-(h - h_target)^2, m^2.</summary>
    BaseHeight,

    /// <summary>exp(-|v_xy,cmd - v_xy|^2 / sigma), body-frame linear velocity tracking.</summary>
    LinearVelocityTracking,

    /// <summary>exp(-(wz_cmd - wz)^2 / sigma), yaw rate tracking.</summary>
    YawRateTracking,

    /// <summary>-sum(qd^2), (rad/s)^2.</summary>
    JointVelocity,

    /// <summary>-1 on the step that ends in a fall.</summary>
    Termination,

    /// <summary>Sum over feet of (air time - target) at touchdown while the command is non-zero, s.</summary>
    FeetAirTime,

    /// <summary>-sum over feet on the ground of their squared horizontal speed, (m/s)^2.</summary>
    FootSlip,

    /// <summary>-(number of contacts of anything but a foot with the ground, plus self-collisions).</summary>
    Collision,

    /// <summary>
    /// -|v_xy,cmd - v_xy|^2, (m/s)^2, heading frame: the squared error whose root mean eval reports as
    /// lin_vel_error_rms. The exp kernel of linear_velocity_tracking barely changes for errors above ~0.7 m/s, right
    /// after a large command change; this term keeps pulling there.
    /// </summary>
    LinearVelocityError,
}
