namespace HumanoidRl.Core.Action;

/// <summary>
/// The hand-over to a policy: for the robot config's soft_start_s after the policy takes over, its torques are
/// blended with the torques that hold the default pose, the policy's weight rising linearly from 0 to 1. The daemon
/// does this on every entry into Policy and the simulator at the start of every episode, so training and evaluation
/// see the hand-over the robot gets.
/// </summary>
/// <remarks>
/// Keep it short: the policy's observation shows its own unblended action, so over a long blend it winds up against
/// the hold and overshoots when the blend ends (docs/benchmarks.md has the measurement).
/// </remarks>
public static class SoftStart
{
    /// <summary>The policy's share of the torque this long after the hand-over (1 when soft start is off).</summary>
    public static double Weight(double secondsSinceHandOver, double softStartS) =>
        softStartS <= 0 ? 1.0 : System.Math.Clamp(secondsSinceHandOver / softStartS, 0.0, 1.0);

    /// <summary>policy = weight x policy + (1 - weight) x hold, per joint.</summary>
    public static void Blend(Span<double> policyTorqueNm, ReadOnlySpan<double> holdTorqueNm, double weight)
    {
        if (holdTorqueNm.Length != policyTorqueNm.Length)
            throw new ArgumentException($"hold torques have {holdTorqueNm.Length} joints, policy torques {policyTorqueNm.Length}",
                nameof(holdTorqueNm));
        for (var j = 0; j < policyTorqueNm.Length; j++)
            policyTorqueNm[j] = (weight * policyTorqueNm[j]) + ((1 - weight) * holdTorqueNm[j]);
    }
}
