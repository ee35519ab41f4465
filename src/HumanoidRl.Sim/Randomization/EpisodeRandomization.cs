namespace HumanoidRl.Sim.Randomization;

/// <summary>The values drawn for one episode; the asymmetric critic sees them as privileged observations.</summary>
public sealed class EpisodeRandomization
{
    public EpisodeRandomization(int jointCount)
    {
        MotorStrengthScale = new double[jointCount];
        PdGainScale = new double[jointCount];
        Reset();
    }

    public double TotalMassScale { get; set; }

    public double PayloadKg { get; set; }

    public double Friction { get; set; }

    public double[] MotorStrengthScale { get; }

    public double[] PdGainScale { get; }

    public int ActionDelayTicks { get; set; }

    public int ObservationDelayTicks { get; set; }

    /// <summary>Nominal values: what a model without randomization has.</summary>
    public void Reset()
    {
        TotalMassScale = 1;
        PayloadKg = 0;
        Friction = 1;
        Array.Fill(MotorStrengthScale, 1.0);
        Array.Fill(PdGainScale, 1.0);
        ActionDelayTicks = 0;
        ObservationDelayTicks = 0;
    }
}
