namespace HumanoidRl.Core.Observation;

/// <summary>
/// Builds the actor observation of one robot from sensors and policy state, allocation-free. One instance per
/// environment (or per daemon): it keeps the observation history.
/// </summary>
public sealed class ObservationBuilder
{
    private readonly ObservationLayout _layout;
    private readonly ObservationTerm[] _terms;
    private readonly double[] _defaultJointAngleRad;
    private readonly float[] _history;
    private readonly double[] _scratch;
    private bool _historyEmpty = true;

    public ObservationBuilder(ObservationLayout layout, ReadOnlySpan<double> defaultJointAngleRad)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (defaultJointAngleRad.Length != layout.JointCount)
            throw new ArgumentException($"default pose has {defaultJointAngleRad.Length} angles, the layout {layout.JointCount} joints",
                nameof(defaultJointAngleRad));
        _layout = layout;
        // An array, not the layout's IReadOnlyList: foreach over the interface would box an enumerator per build.
        _terms = [.. layout.Terms];
        _defaultJointAngleRad = defaultJointAngleRad.ToArray();
        _history = new float[layout.Size];
        _scratch = new double[System.Math.Max(3, layout.JointCount)];
    }

    public ObservationLayout Layout => _layout;

    /// <summary>Forgets the history; the next observation fills every history slot with its frame.</summary>
    public void Reset() => _historyEmpty = true;

    /// <summary>Writes the observation (Layout.Size floats) into output. Noise is applied when a source is given.</summary>
    public void Build(in ObservationInput input, Span<float> output, Random? noise = null)
    {
        if (output.Length != _layout.Size)
            throw new ArgumentException($"observation buffer holds {output.Length} floats, the layout needs {_layout.Size}",
                nameof(output));
        var frameSize = _layout.FrameSize;
        if (_layout.HistoryLength > 1 && !_historyEmpty)
            Array.Copy(_history, 0, _history, frameSize, _history.Length - frameSize);

        var offset = 0;
        foreach (var term in _terms)
        {
            var size = term.Size(_layout.JointCount);
            var values = _scratch.AsSpan(0, size);
            term.Kind.Measure(input, _defaultJointAngleRad, values);
            var destination = _history.AsSpan(offset, size);
            for (var i = 0; i < size; i++)
            {
                var value = values[i] * term.Scale;
                if (noise is not null && term.NoiseAmplitude > 0) value += term.NoiseAmplitude * (2 * noise.NextDouble() - 1);
                destination[i] = (float)System.Math.Clamp(value, -term.Clip, term.Clip);
            }
            offset += size;
        }

        if (_historyEmpty)
        {
            for (var slot = 1; slot < _layout.HistoryLength; slot++)
                Array.Copy(_history, 0, _history, slot * frameSize, frameSize);
            _historyEmpty = false;
        }
        _history.CopyTo(output);
    }
}
