using HumanoidRl.Core.Action;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Modes;

/// <summary>
/// The PD law with the robot's stand gains that holds the joints at a target pose: StandUp's moving target, and the
/// default pose the policy's first torques are blended with during the soft start.
/// </summary>
internal sealed class PoseHold(double[] kpNmPerRad, double[] kdNmSPerRad)
{
    /// <summary>Fills <paramref name="torqueNm"/> with the torques that pull the frame's joints toward the target.</summary>
    public void TorquesToward(ReadOnlySpan<double> targetRad, SensorFrame frame, Span<double> torqueNm)
    {
        var positionRad = frame.JointPositionRad;
        var velocityRadPerS = frame.JointVelocityRadPerS;
        for (var j = 0; j < torqueNm.Length; j++)
            torqueNm[j] = PdLaw.TorqueNm(kpNmPerRad[j], kdNmSPerRad[j], targetRad[j], positionRad[j], velocityRadPerS[j]);
    }
}
