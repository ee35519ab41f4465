namespace HumanoidRl.Evaluation;

/// <summary>Figures of one evaluation; JSON names are what `eval --json` prints.</summary>
public sealed record EvaluationResult(
    int Episodes,
    double SurvivalRate,
    double RollRmsDeg,
    double PitchRmsDeg,
    double MeanEpisodeS,
    double LinearVelocityErrorRms,
    double ForwardVelocityErrorRms,
    double LateralVelocityErrorRms,
    double YawRateErrorRms,
    double StrideLinearVelocityErrorRms,
    double StrideYawRateErrorRms,
    double SettledLinearVelocityErrorRms,
    double SettledForwardVelocityErrorRms,
    double SettledLateralVelocityErrorRms,
    double SettledYawRateErrorRms,
    double SettledSampleFraction,
    double ClampedActionFraction)
{
    /// <summary>95 % interval of the survival rate: 50 episodes at 0.98 are also consistent with 0.90.</summary>
    public (double Low, double High) SurvivalRateInterval95 =>
        WilsonInterval.Of95((int)Math.Round(SurvivalRate * Episodes), Episodes);

    public Dictionary<string, object> ToJsonFields()
    {
        var (survivalLow, survivalHigh) = SurvivalRateInterval95;
        return new()
        {
            ["episodes"] = Episodes,
            ["survival_rate"] = Math.Round(SurvivalRate, 4),
            ["survival_rate_ci95_low"] = Math.Round(survivalLow, 4),
            ["survival_rate_ci95_high"] = Math.Round(survivalHigh, 4),
            ["roll_rms_deg"] = Math.Round(RollRmsDeg, 3),
            ["pitch_rms_deg"] = Math.Round(PitchRmsDeg, 3),
            ["mean_episode_s"] = Math.Round(MeanEpisodeS, 3),
            ["lin_vel_error_rms"] = Math.Round(LinearVelocityErrorRms, 4),
            ["yaw_rate_error_rms"] = Math.Round(YawRateErrorRms, 4),
            // lin_vel_error_rms split along the heading (squares add up): where the error is, not another target.
            ["forward_vel_error_rms"] = Math.Round(ForwardVelocityErrorRms, 4),
            ["lateral_vel_error_rms"] = Math.Round(LateralVelocityErrorRms, 4),
            // The same over velocities averaged across one gait period (phase_period_s): without the step-by-step sway.
            ["lin_vel_error_rms_stride"] = Math.Round(StrideLinearVelocityErrorRms, 4),
            ["yaw_rate_error_rms_stride"] = Math.Round(StrideYawRateErrorRms, 4),
            // The same from 1 s after each command change (and episode start) on: without the response to new commands.
            ["lin_vel_error_rms_settled"] = Math.Round(SettledLinearVelocityErrorRms, 4),
            ["yaw_rate_error_rms_settled"] = Math.Round(SettledYawRateErrorRms, 4),
            ["forward_vel_error_rms_settled"] = Math.Round(SettledForwardVelocityErrorRms, 4),
            ["lateral_vel_error_rms_settled"] = Math.Round(SettledLateralVelocityErrorRms, 4),
            ["settled_sample_fraction"] = Math.Round(SettledSampleFraction, 4),
            // Share of the policy's output values outside [-1, 1], which the robot clamps: joints held at the end of their range.
            ["clamped_action_fraction"] = Math.Round(ClampedActionFraction, 4),
        };
    }
}
