namespace HumanoidRl.Training.Ppo;

/// <summary>
/// Running per-feature mean and variance of observations (Chan et al.'s parallel update of batch statistics,
/// in double precision), applied as (x - mean) / (std + Epsilon), optionally clipped. Its state belongs to the
/// policy: it is saved in checkpoints and exported with the actor.
/// </summary>
public sealed class EmpiricalNormalizer
{
    private readonly double[] _mean;
    private readonly double[] _sumSquaredDeviations;
    private readonly double[] _batchMean;
    private readonly double[] _batchSumSquaredDeviations;
    private readonly float[] _scaleMean;
    private readonly float[] _scaleInverseStd;

    public EmpiricalNormalizer(int size, double epsilon = 1e-2, double? clip = 5.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Normalizer epsilon: expected > 0.");
        if (clip is { } c && !(c > 0)) throw new ArgumentOutOfRangeException(nameof(clip), clip, "Normalizer clip: expected > 0 or none.");
        Size = size;
        Epsilon = epsilon;
        Clip = clip;
        _mean = new double[size];
        _sumSquaredDeviations = new double[size];
        _batchMean = new double[size];
        _batchSumSquaredDeviations = new double[size];
        _scaleMean = new float[size];
        _scaleInverseStd = new float[size];
        RefreshScale();
    }

    public int Size { get; }

    /// <summary>Added to the standard deviation so constant features do not blow up.</summary>
    public double Epsilon { get; }

    /// <summary>Normalized values are clipped to [-Clip, Clip] when set.</summary>
    public double? Clip { get; }

    /// <summary>Samples seen so far.</summary>
    public long Count { get; private set; }

    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>Population variance per feature (1 before any sample, so normalizing is then the identity up to Epsilon).</summary>
    public double[] Variance()
    {
        var variance = new double[Size];
        for (var i = 0; i < Size; i++) variance[i] = Count > 0 ? _sumSquaredDeviations[i] / Count : 1.0;
        return variance;
    }

    /// <summary>Standard deviation per feature as used for normalizing (without Epsilon).</summary>
    public double[] Std() => Array.ConvertAll(Variance(), Math.Sqrt);

    /// <summary>Folds a batch of rows ([row * Size + i]) into the running statistics.</summary>
    public void Update(ReadOnlySpan<float> batch)
    {
        if (batch.Length == 0) return;
        if (batch.Length % Size != 0)
            throw new ArgumentException(
                $"Normalizer batch of {batch.Length} values is not a whole number of rows of size {Size}.", nameof(batch));
        var rows = batch.Length / Size;

        // Two passes over the batch for its own mean and squared deviations, then Chan's combination with
        // the running state: exact in exact arithmetic and stable for long runs.
        Array.Clear(_batchMean);
        Array.Clear(_batchSumSquaredDeviations);
        for (var r = 0; r < rows; r++)
        {
            var row = batch.Slice(r * Size, Size);
            for (var i = 0; i < Size; i++) _batchMean[i] += row[i];
        }
        for (var i = 0; i < Size; i++) _batchMean[i] /= rows;
        for (var r = 0; r < rows; r++)
        {
            var row = batch.Slice(r * Size, Size);
            for (var i = 0; i < Size; i++)
            {
                var deviation = row[i] - _batchMean[i];
                _batchSumSquaredDeviations[i] += deviation * deviation;
            }
        }

        var total = Count + rows;
        var batchWeight = (double)rows / total;
        var crossWeight = (double)Count * rows / total;
        for (var i = 0; i < Size; i++)
        {
            var delta = _batchMean[i] - _mean[i];
            _mean[i] += delta * batchWeight;
            _sumSquaredDeviations[i] += _batchSumSquaredDeviations[i] + delta * delta * crossWeight;
        }
        Count = total;
        RefreshScale();
    }

    /// <summary>Normalizes rows of <paramref name="raw"/> into <paramref name="normalized"/> (same length) without updating.</summary>
    public void Normalize(ReadOnlySpan<float> raw, Span<float> normalized)
    {
        if (raw.Length % Size != 0)
            throw new ArgumentException(
                $"Normalizer input of {raw.Length} values is not a whole number of rows of size {Size}.", nameof(raw));
        if (normalized.Length != raw.Length)
            throw new ArgumentException($"Normalizer output has {normalized.Length} values, expected {raw.Length}.", nameof(normalized));
        var clip = (float)(Clip ?? double.PositiveInfinity);
        for (var start = 0; start < raw.Length; start += Size)
        {
            for (var i = 0; i < Size; i++)
            {
                var value = (raw[start + i] - _scaleMean[i]) * _scaleInverseStd[i];
                normalized[start + i] = Math.Clamp(value, -clip, clip);
            }
        }
    }

    /// <summary>
    /// A normalizer holding given statistics as if <paramref name="count"/> samples had produced them (an exported
    /// policy's normalizer, whose sample count the file does not keep).
    /// </summary>
    public static EmpiricalNormalizer FromStatistics(
        ReadOnlySpan<double> mean, ReadOnlySpan<double> variance, long count, double epsilon, double? clip)
    {
        if (variance.Length != mean.Length)
            throw new ArgumentException($"Normalizer variance has {variance.Length} values, mean {mean.Length}.", nameof(variance));
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var normalizer = new EmpiricalNormalizer(mean.Length, epsilon, clip) { Count = count };
        for (var i = 0; i < mean.Length; i++)
        {
            if (!(variance[i] >= 0))
                throw new ArgumentOutOfRangeException(nameof(variance), variance[i], $"Normalizer variance [{i}]: expected >= 0.");
            normalizer._mean[i] = mean[i];
            normalizer._sumSquaredDeviations[i] = variance[i] * count;
        }
        normalizer.RefreshScale();
        return normalizer;
    }

    /// <summary>Writes the full state; <see cref="Read"/> restores it exactly.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Size);
        writer.Write(Epsilon);
        writer.Write(Clip.HasValue);
        writer.Write(Clip ?? 0.0);
        writer.Write(Count);
        foreach (var value in _mean) writer.Write(value);
        foreach (var value in _sumSquaredDeviations) writer.Write(value);
    }

    /// <summary>Reads a state written by <see cref="Write"/>; <paramref name="what"/> names it in errors.</summary>
    public static EmpiricalNormalizer Read(BinaryReader reader, string what)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var size = reader.ReadInt32();
        if (size < 1) throw new InvalidDataException($"{what}: normalizer size {size}, expected >= 1.");
        var epsilon = reader.ReadDouble();
        var hasClip = reader.ReadBoolean();
        var clip = reader.ReadDouble();
        var normalizer = new EmpiricalNormalizer(size, epsilon, hasClip ? clip : null);
        var count = reader.ReadInt64();
        if (count < 0) throw new InvalidDataException($"{what}: normalizer sample count {count}, expected >= 0.");
        normalizer.Count = count;
        for (var i = 0; i < size; i++) normalizer._mean[i] = reader.ReadDouble();
        for (var i = 0; i < size; i++) normalizer._sumSquaredDeviations[i] = reader.ReadDouble();
        normalizer.RefreshScale();
        return normalizer;
    }

    private void RefreshScale()
    {
        for (var i = 0; i < Size; i++)
        {
            var variance = Count > 0 ? _sumSquaredDeviations[i] / Count : 1.0;
            _scaleMean[i] = (float)_mean[i];
            _scaleInverseStd[i] = (float)(1.0 / (Math.Sqrt(variance) + Epsilon));
        }
    }
}
