namespace HumanoidRl.Core.Tasks;

/// <summary>
/// legged_gym-style command curriculum: training starts with every command range scaled by
/// <see cref="InitialFraction"/> and widens it by <see cref="Step"/> (up to the full ranges) whenever the
/// finished episodes track the commanded linear velocity well enough while up, and few enough of them fell.
/// </summary>
/// <param name="InitialFraction">Fraction of the configured ranges at the start of training, in (0, 1].</param>
/// <param name="Step">Fraction added per widening, in (0, 1].</param>
/// <param name="TrackingThreshold">
/// Widen when the mean linear-velocity tracking reward per survived second of finished episodes exceeds this
/// fraction of its weight (the most it can pay per second), in (0, 1).
/// </param>
/// <param name="MaxFallRate">
/// ... and at most this fraction of those episodes ended in a fall, in (0, 1]. Judging tracking per survived
/// second keeps falls from hiding good tracking; this bound keeps the ranges from widening while the policy
/// still falls.
/// </param>
public sealed record CommandCurriculumSpec(double InitialFraction, double Step, double TrackingThreshold, double MaxFallRate);
