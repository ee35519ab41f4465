using HumanoidRl.Core.Reward;

namespace HumanoidRl.Core.Tasks;

/// <summary>
/// The training-time state of a <see cref="CommandCurriculumSpec"/>: the current fraction of the command ranges
/// and the finished episodes collected towards the next decision. Episodes are judged in batches of
/// <see cref="EpisodesPerDecision"/> (one per environment, so about once per episode length, as legged_gym does)
/// by their tracking reward per survived second and by how many fell. legged_gym divides by the full episode
/// length instead, which works once robots rarely fall; a walking torque policy falls often for a long time, and
/// that rule then never widens however well the robot tracks while it is up.
/// Only training uses it; evaluation samples the full ranges.
/// </summary>
public sealed class CommandCurriculum
{
    public CommandCurriculum(CommandCurriculumSpec spec, double trackingWeightPerS, int episodesPerDecision)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!(spec.InitialFraction is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.InitialFraction, "initial_fraction must be in (0, 1]");
        if (!(spec.Step is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(spec), spec.Step, "step must be in (0, 1]");
        if (!(spec.TrackingThreshold is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.TrackingThreshold, "tracking_threshold must be in (0, 1)");
        if (!(spec.MaxFallRate is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.MaxFallRate, "max_fall_rate must be in (0, 1]");
        if (!(trackingWeightPerS > 0))
            throw new ArgumentOutOfRangeException(nameof(trackingWeightPerS), trackingWeightPerS,
                "the curriculum needs a linear_velocity_tracking weight > 0");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(episodesPerDecision);
        Spec = spec;
        TrackingWeightPerS = trackingWeightPerS;
        EpisodesPerDecision = episodesPerDecision;
        RangeFraction = spec.InitialFraction;
    }

    public CommandCurriculumSpec Spec { get; }

    public double TrackingWeightPerS { get; }

    public int EpisodesPerDecision { get; }

    /// <summary>Fraction of the configured command ranges sampled now, in (0, 1].</summary>
    public double RangeFraction { get; private set; }

    /// <summary>Sum of the tracking reward per survived second of the episodes finished since the last decision.</summary>
    public double PendingTrackingPerS { get; private set; }

    /// <summary>Episodes finished since the last decision.</summary>
    public int PendingEpisodes { get; private set; }

    /// <summary>Of <see cref="PendingEpisodes"/>, those that ended in a fall.</summary>
    public int PendingFalls { get; private set; }

    /// <summary>
    /// The curriculum of a task for a run with <paramref name="environments"/> environments; null when the task has none.
    /// </summary>
    public static CommandCurriculum? ForTask(TaskConfig task, int environments)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Commands.Curriculum is { } spec
            ? new CommandCurriculum(spec, task.Rewards.Weight(RewardTerm.LinearVelocityTracking), environments)
            : null;
    }

    /// <summary>
    /// Counts one finished episode by the weighted linear-velocity tracking reward it collected over
    /// <paramref name="survivedS"/> seconds and whether it ended in a fall; may widen the ranges.
    /// </summary>
    public void AddFinishedEpisode(double trackingRewardSum, double survivedS, bool fell)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(survivedS);
        PendingTrackingPerS += trackingRewardSum / survivedS;
        PendingEpisodes++;
        if (fell) PendingFalls++;
        if (PendingEpisodes < EpisodesPerDecision) return;
        var tracksWell = PendingTrackingPerS / PendingEpisodes > Spec.TrackingThreshold * TrackingWeightPerS;
        var fallsRarely = PendingFalls <= Spec.MaxFallRate * PendingEpisodes;
        if (tracksWell && fallsRarely) RangeFraction = Math.Min(1.0, RangeFraction + Spec.Step);
        PendingTrackingPerS = 0;
        PendingEpisodes = 0;
        PendingFalls = 0;
    }

    /// <summary>Puts back a state saved from <see cref="RangeFraction"/> and the pending episodes' sums.</summary>
    public void Restore(double rangeFraction, double pendingTrackingPerS, int pendingEpisodes, int pendingFalls)
    {
        if (!(rangeFraction is > 0 and <= 1))
            throw new InvalidDataException($"command curriculum range fraction {rangeFraction}: expected a value in (0, 1]");
        if (pendingEpisodes < 0 || pendingEpisodes >= EpisodesPerDecision)
            throw new InvalidDataException($"command curriculum pending episodes {pendingEpisodes}: expected 0 to " +
                $"{EpisodesPerDecision - 1} (one decision per {EpisodesPerDecision} episodes)");
        if (!double.IsFinite(pendingTrackingPerS))
            throw new InvalidDataException($"command curriculum pending tracking reward {pendingTrackingPerS}: expected a finite number");
        if (pendingFalls < 0 || pendingFalls > pendingEpisodes)
            throw new InvalidDataException($"command curriculum pending falls {pendingFalls}: expected 0 to {pendingEpisodes} " +
                "(the pending episodes)");
        RangeFraction = rangeFraction;
        PendingTrackingPerS = pendingTrackingPerS;
        PendingEpisodes = pendingEpisodes;
        PendingFalls = pendingFalls;
    }
}
