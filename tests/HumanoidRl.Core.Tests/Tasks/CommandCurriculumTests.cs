using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Core.Tests.Tasks;

public sealed class CommandCurriculumTests
{
    private const double WeightPerS = 10.0;
    private const double EpisodeS = 20.0;

    private static CommandCurriculum Curriculum(int episodesPerDecision = 2) =>
        new(new CommandCurriculumSpec(InitialFraction: 0.4, Step: 0.25, TrackingThreshold: 0.8, MaxFallRate: 0.5),
            WeightPerS, episodesPerDecision);

    /// <summary>
    /// The tracking reward sum of an episode that earned the given fraction of the weight every second of the full episode.
    /// </summary>
    private static double Episode(double fractionOfWeight) => fractionOfWeight * WeightPerS * EpisodeS;

    private static void AddSurvived(CommandCurriculum curriculum, double fractionOfWeight) =>
        curriculum.AddFinishedEpisode(Episode(fractionOfWeight), EpisodeS, fell: false);

    [Fact]
    public void Ranges_start_at_the_initial_fraction()
    {
        Assert.Equal(0.4, Curriculum().RangeFraction);
    }

    [Fact]
    public void Ranges_widen_when_the_batch_mean_is_above_the_threshold()
    {
        var curriculum = Curriculum();

        AddSurvived(curriculum, 0.85);
        Assert.Equal(0.4, curriculum.RangeFraction); // half a batch: no decision yet
        AddSurvived(curriculum, 0.9);

        Assert.Equal(0.65, curriculum.RangeFraction, 12);
        Assert.Equal(0, curriculum.PendingEpisodes);
    }

    [Theory]
    [InlineData(0.8, 0.8)]   // exactly at the threshold is not above it
    [InlineData(0.95, 0.5)]  // one good episode does not carry a batch whose mean is below
    [InlineData(0.1, 0.2)]
    public void Ranges_stay_when_the_batch_mean_is_not_above_the_threshold(double first, double second)
    {
        var curriculum = Curriculum();

        AddSurvived(curriculum, first);
        AddSurvived(curriculum, second);

        Assert.Equal(0.4, curriculum.RangeFraction);
        Assert.Equal(0, curriculum.PendingEpisodes);
    }

    [Fact]
    public void Tracking_is_judged_per_survived_second_so_a_minority_of_falls_does_not_hide_it()
    {
        var curriculum = Curriculum();

        // Perfect tracking for 5 s of a 20 s episode, then a fall; the other episode survives.
        curriculum.AddFinishedEpisode(1.0 * WeightPerS * 5.0, survivedS: 5.0, fell: true);
        AddSurvived(curriculum, 0.9);

        Assert.Equal(0.65, curriculum.RangeFraction, 12);
    }

    [Fact]
    public void Ranges_stay_while_more_episodes_fall_than_allowed_however_well_they_track()
    {
        var curriculum = Curriculum();

        curriculum.AddFinishedEpisode(1.0 * WeightPerS * 5.0, survivedS: 5.0, fell: true);
        curriculum.AddFinishedEpisode(1.0 * WeightPerS * 3.0, survivedS: 3.0, fell: true);

        Assert.Equal(0.4, curriculum.RangeFraction);
        Assert.Equal((0, 0), (curriculum.PendingEpisodes, curriculum.PendingFalls));
    }

    [Fact]
    public void Ranges_never_exceed_the_configured_ones()
    {
        var curriculum = Curriculum(episodesPerDecision: 1);

        for (var i = 0; i < 10; i++) AddSurvived(curriculum, 1.0);

        Assert.Equal(1.0, curriculum.RangeFraction);
    }

    [Fact]
    public void Restore_puts_back_a_saved_state_and_refuses_impossible_ones()
    {
        var curriculum = Curriculum(episodesPerDecision: 4);

        curriculum.Restore(0.9, 12.5, 3, 1);

        Assert.Equal((0.9, 12.5, 3, 1),
            (curriculum.RangeFraction, curriculum.PendingTrackingPerS, curriculum.PendingEpisodes, curriculum.PendingFalls));
        Assert.Throws<InvalidDataException>(() => curriculum.Restore(1.2, 0, 0, 0));
        Assert.Throws<InvalidDataException>(() => curriculum.Restore(0.5, 0, 4, 0));
        Assert.Throws<InvalidDataException>(() => curriculum.Restore(0.5, double.NaN, 0, 0));
        Assert.Throws<InvalidDataException>(() => curriculum.Restore(0.5, 0, 2, 3));
    }

    [Fact]
    public void A_curriculum_needs_a_linear_tracking_weight()
    {
        var spec = new CommandCurriculumSpec(0.5, 0.1, 0.8, 0.5);

        Assert.Throws<ArgumentOutOfRangeException>(() => new CommandCurriculum(spec, trackingWeightPerS: 0, 8));
    }

    [Fact]
    public void Sampling_with_a_range_fraction_scales_every_command_and_keeps_zero_commands()
    {
        var spec = new CommandSpec
        {
            ForwardMPerS = new UniformRange(-0.5, 1.0),
            LateralMPerS = new UniformRange(-0.3, 0.3),
            YawRateRadPerS = new UniformRange(-1.0, 1.0),
            ZeroFraction = 0.0,
        };
        var full = new float[3];
        var scaled = new float[3];
        for (var seed = 0; seed < 20; seed++)
        {
            spec.Sample(new Random(seed), full);
            spec.Sample(new Random(seed), scaled, 0.25);
            for (var i = 0; i < 3; i++) Assert.Equal(full[i] * 0.25, scaled[i], 6);
            Assert.InRange(scaled[0], -0.125, 0.25);
        }
    }

    [Fact]
    public void Commands_can_move_only_with_a_non_zero_range_drawn_some_of_the_time()
    {
        var walking = new CommandSpec { YawRateRadPerS = new UniformRange(-1.0, 1.0), ZeroFraction = 0.1 };

        Assert.True(walking.CanMove);
        Assert.False(new CommandSpec().CanMove);
        Assert.False((walking with { ZeroFraction = 1.0 }).CanMove);
        Assert.False((walking with { YawRateRadPerS = UniformRange.Fixed(0) }).CanMove);
    }
}
