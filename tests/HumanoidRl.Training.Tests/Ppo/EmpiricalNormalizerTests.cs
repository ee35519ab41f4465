using HumanoidRl.Training.Ppo;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class EmpiricalNormalizerTests
{
    private static float[] Samples(int rows, int size, int seed)
    {
        var random = new Random(seed);
        var samples = new float[rows * size];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < size; i++) samples[r * size + i] = (float)(100 * i + (i + 1) * 3 * (random.NextDouble() - 0.2));
        }
        return samples;
    }

    private static (double[] Mean, double[] Variance) TwoPass(float[] samples, int size)
    {
        var rows = samples.Length / size;
        var mean = new double[size];
        var variance = new double[size];
        for (var r = 0; r < rows; r++) for (var i = 0; i < size; i++) mean[i] += samples[r * size + i];
        for (var i = 0; i < size; i++) mean[i] /= rows;
        for (var r = 0; r < rows; r++) for (var i = 0; i < size; i++) variance[i] += Math.Pow(samples[r * size + i] - mean[i], 2);
        for (var i = 0; i < size; i++) variance[i] /= rows;
        return (mean, variance);
    }

    [Fact]
    public void Batched_updates_match_two_pass_statistics_of_all_samples()
    {
        const int size = 3;
        var samples = Samples(rows: 1000, size, seed: 5);
        var normalizer = new EmpiricalNormalizer(size);
        // Uneven batches, including a single row, exercise the parallel combination.
        var offsets = new[] { 0, 1, 17, 300, 301, 999, 1000 };
        for (var b = 0; b + 1 < offsets.Length; b++)
            normalizer.Update(samples.AsSpan(offsets[b] * size, (offsets[b + 1] - offsets[b]) * size));

        var (mean, variance) = TwoPass(samples, size);
        Assert.Equal(1000, normalizer.Count);
        var actualVariance = normalizer.Variance();
        for (var i = 0; i < size; i++)
        {
            Assert.Equal(mean[i], normalizer.Mean[i], 9);
            Assert.Equal(variance[i], actualVariance[i], 9);
        }
    }

    [Fact]
    public void Normalize_subtracts_mean_divides_by_std_plus_epsilon_and_clips()
    {
        var normalizer = new EmpiricalNormalizer(size: 2, epsilon: 0.01, clip: 5.0);
        normalizer.Update([1f, 10f, 3f, 10f]); // feature 0: mean 2, std 1; feature 1: constant 10

        var normalized = new float[4];
        normalizer.Normalize([4f, 10f, 2f, 11f], normalized);

        Assert.Equal(2f / 1.01f, normalized[0], 5);
        Assert.Equal(0f, normalized[1], 5);
        Assert.Equal(0f, normalized[2], 5);
        Assert.Equal(5f, normalized[3], 5); // 1 / 0.01 = 100, clipped
    }

    [Fact]
    public void Normalize_before_any_update_is_identity_up_to_epsilon()
    {
        var normalizer = new EmpiricalNormalizer(size: 2, epsilon: 0.01, clip: null);
        var normalized = new float[2];
        normalizer.Normalize([2f, -3f], normalized);
        Assert.Equal(2f / 1.01f, normalized[0], 5);
        Assert.Equal(-3f / 1.01f, normalized[1], 5);
    }

    [Fact]
    public void Written_state_reads_back_identically()
    {
        var normalizer = new EmpiricalNormalizer(size: 4, epsilon: 0.02, clip: null);
        normalizer.Update(Samples(rows: 50, size: 4, seed: 9));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) normalizer.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);

        var restored = EmpiricalNormalizer.Read(reader, "test");

        Assert.Equal(normalizer.Count, restored.Count);
        Assert.Equal(normalizer.Epsilon, restored.Epsilon);
        Assert.Null(restored.Clip);
        Assert.Equal(normalizer.Mean.ToArray(), restored.Mean.ToArray());
        Assert.Equal(normalizer.Variance(), restored.Variance());
    }

    [Fact]
    public void Update_rejects_a_batch_that_is_not_whole_rows()
    {
        var normalizer = new EmpiricalNormalizer(size: 3);
        var error = Assert.Throws<ArgumentException>(() => normalizer.Update(new float[4]));
        Assert.Contains("size 3", error.Message, StringComparison.Ordinal);
    }
}
