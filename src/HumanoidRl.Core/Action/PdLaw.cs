namespace HumanoidRl.Core.Action;

/// <summary>
/// The joint PD law of every PD torque in the project (PD-target actions, stand-up, holds), so training, the
/// simulator and the robot cannot drift apart: tau = Kp (target - q) - Kd qd.
/// </summary>
public static class PdLaw
{
    public static double TorqueNm(double kpNmPerRad, double kdNmSPerRad, double targetRad, double positionRad, double velocityRadPerS) =>
        (kpNmPerRad * (targetRad - positionRad)) - (kdNmSPerRad * velocityRadPerS);
}
