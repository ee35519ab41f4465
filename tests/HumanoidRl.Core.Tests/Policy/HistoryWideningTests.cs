using HumanoidRl.Core.Policy;

namespace HumanoidRl.Core.Tests.Policy;

public sealed class HistoryWideningTests
{
    private const int FrameSize = 5;

    private static MlpPolicyWeights RandomPolicy(int observationSize, int seed)
    {
        var random = new Random(seed);
        float Next(double scale) => (float)((random.NextDouble() * 2 - 1) * scale);
        DenseLayer Layer(int inputs, int outputs) =>
            new(inputs, outputs,
                [.. Enumerable.Range(0, inputs * outputs).Select(_ => Next(1))], [.. Enumerable.Range(0, outputs).Select(_ => Next(0.5))]);
        return new MlpPolicyWeights(
            [.. Enumerable.Range(0, observationSize).Select(_ => Next(2))],
            [.. Enumerable.Range(0, observationSize).Select(_ => 0.5f + System.Math.Abs(Next(2)))],
            ObservationClip: 5,
            [Layer(observationSize, 8), Layer(8, 3)]);
    }

    private static PolicyContract Contract(string frame, int history, int frameSize = FrameSize) =>
        SampleContract.Create() with { ObservationLayout = $"{frame}|history:{history}", ObservationSize = frameSize * history };

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    public void The_widened_policy_acts_exactly_as_the_original_on_its_frames_whatever_the_added_older_frames_hold(
        int fromHistory, int toHistory)
    {
        var original = RandomPolicy(FrameSize * fromHistory, seed: 1);
        var widened = HistoryWidening.Widen(original, FrameSize, fromHistory, toHistory);
        widened.Validate();
        Assert.Equal(FrameSize * toHistory, widened.ObservationSize);

        var random = new Random(2);
        for (var trial = 0; trial < 20; trial++)
        {
            var observation = Enumerable.Range(0, FrameSize * toHistory).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
            var expected = original.Evaluate(observation.AsSpan(0, FrameSize * fromHistory));
            var actual = widened.Evaluate(observation);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6f);
        }
    }

    [Fact]
    public void The_added_frames_take_the_newest_frames_normalizer_statistics()
    {
        var original = RandomPolicy(FrameSize * 2, seed: 3);

        var widened = HistoryWidening.Widen(original, FrameSize, fromHistory: 2, toHistory: 4);

        Assert.Equal(original.ObservationMean, widened.ObservationMean[..(FrameSize * 2)]);
        Assert.Equal(original.ObservationMean[..FrameSize], widened.ObservationMean[(FrameSize * 2)..(FrameSize * 3)]);
        Assert.Equal(original.ObservationStd[..FrameSize], widened.ObservationStd[(FrameSize * 3)..]);
    }

    [Fact]
    public void A_policy_that_is_not_whole_frames_of_the_given_size_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => HistoryWidening.Widen(RandomPolicy(7, seed: 4), FrameSize, fromHistory: 1, toHistory: 3));

        Assert.Contains("reads 7 values, not 1 frames of 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_same_frame_over_more_frames_can_be_widened_to()
    {
        const string frame = "gyro:3:0.25:100;command:2:1:100";

        Assert.Equal(1, HistoryWidening.ShorterSourceHistory(Contract(frame, 1), Contract(frame, 3)));
        Assert.Equal(2, HistoryWidening.ShorterSourceHistory(Contract(frame, 2), Contract(frame, 3)));
        Assert.Null(HistoryWidening.ShorterSourceHistory(Contract(frame, 3), Contract(frame, 3)));
        Assert.Null(HistoryWidening.ShorterSourceHistory(Contract(frame, 3), Contract(frame, 1)));
        Assert.Null(HistoryWidening.ShorterSourceHistory(Contract(frame, 1), Contract("gyro:3:0.5:100;command:2:1:100", 3)));
        Assert.Null(HistoryWidening.ShorterSourceHistory(Contract(frame, 1), Contract(frame, 3, frameSize: 6)));
        Assert.Null(HistoryWidening.ShorterSourceHistory(Contract(frame, 1) with { ObservationLayout = frame }, Contract(frame, 3)));
    }
}
