namespace HumanoidRl.Core.Observation;

/// <summary>
/// One term of the observation: value * Scale, plus uniform noise of +-NoiseAmplitude (in scaled units,
/// training only), then clipped to +-Clip.
/// </summary>
public sealed record ObservationTerm(ObservationTermKind Kind, double Scale = 1.0, double Clip = 100.0, double NoiseAmplitude = 0.0)
{
    /// <summary>Contract name of the term (snake_case), as written to policy metadata.</summary>
    public string Name => Kind.Name;

    public int Size(int jointCount) => Kind.Size(jointCount);

    public static ObservationTermKind ParseKind(string name) => ObservationTermKind.Parse(name);
}
