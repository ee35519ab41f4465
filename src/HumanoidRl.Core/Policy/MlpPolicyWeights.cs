namespace HumanoidRl.Core.Policy;

/// <summary>One dense layer: output = W x + b, W stored row-major as [OutputSize, InputSize].</summary>
public sealed record DenseLayer(int InputSize, int OutputSize, float[] Weight, float[] Bias)
{
    public void Validate(int index)
    {
        if (Weight.Length != InputSize * OutputSize)
            throw new ArgumentException($"layer {index}: weight has {Weight.Length} values, expected {OutputSize} x {InputSize}");
        if (Bias.Length != OutputSize)
            throw new ArgumentException($"layer {index}: bias has {Bias.Length} values, expected {OutputSize}");
    }
}

/// <summary>
/// A deterministic MLP policy with its observation normalizer: action = MLP(clip((obs - mean) / std, +-clip)),
/// ELU between layers and none after the last.
/// </summary>
public sealed record MlpPolicyWeights(float[] ObservationMean, float[] ObservationStd, float ObservationClip,
    IReadOnlyList<DenseLayer> Layers)
{
    public int ObservationSize => ObservationMean.Length;

    public int ActionSize => Layers[^1].OutputSize;

    public void Validate()
    {
        if (ObservationStd.Length != ObservationMean.Length)
            throw new ArgumentException($"normalizer std has {ObservationStd.Length} values, mean {ObservationMean.Length}");
        if (ObservationStd.Any(s => !(s > 0))) throw new ArgumentException("normalizer std must be > 0 everywhere");
        if (!(ObservationClip > 0)) throw new ArgumentException($"observation clip must be > 0, got {ObservationClip}");
        if (Layers.Count == 0) throw new ArgumentException("an MLP needs at least one layer");
        var width = ObservationMean.Length;
        for (var i = 0; i < Layers.Count; i++)
        {
            Layers[i].Validate(i);
            if (Layers[i].InputSize != width)
                throw new ArgumentException($"layer {i} takes {Layers[i].InputSize} inputs, the previous layer gives {width}");
            width = Layers[i].OutputSize;
        }
    }

    /// <summary>Reference forward pass in double precision (tests compare runtimes against it).</summary>
    public float[] Evaluate(ReadOnlySpan<float> observation)
    {
        var x = new double[ObservationSize];
        for (var i = 0; i < x.Length; i++)
            x[i] = System.Math.Clamp((observation[i] - (double)ObservationMean[i]) / ObservationStd[i], -ObservationClip, ObservationClip);
        for (var l = 0; l < Layers.Count; l++)
        {
            var layer = Layers[l];
            var y = new double[layer.OutputSize];
            for (var o = 0; o < layer.OutputSize; o++)
            {
                double sum = layer.Bias[o];
                for (var i = 0; i < layer.InputSize; i++) sum += layer.Weight[(o * layer.InputSize) + i] * x[i];
                y[o] = l < Layers.Count - 1 && sum < 0 ? System.Math.Exp(sum) - 1 : sum;
            }
            x = y;
        }
        return [.. x.Select(v => (float)v)];
    }
}
