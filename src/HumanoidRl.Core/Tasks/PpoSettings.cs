namespace HumanoidRl.Core.Tasks;

/// <summary>PPO hyperparameters as written in a task file (rsl_rl names and defaults).</summary>
public sealed record PpoSettings
{
    public int NumEnvs { get; init; } = 64;
    public int NumStepsPerEnv { get; init; } = 24;
    public int NumLearningEpochs { get; init; } = 5;
    public int NumMiniBatches { get; init; } = 4;
    public double ClipParam { get; init; } = 0.2;
    public double Gamma { get; init; } = 0.99;
    public double Lambda { get; init; } = 0.95;
    public double ValueLossCoef { get; init; } = 1.0;
    public double EntropyCoef { get; init; } = 0.01;
    public double LearningRate { get; init; } = 1e-3;
    public double MaxGradNorm { get; init; } = 1.0;
    public double DesiredKl { get; init; } = 0.01;
    public bool UseClippedValueLoss { get; init; } = true;
    public double InitialNoiseStd { get; init; } = 1.0;
    public IReadOnlyList<int> ActorHiddenSizes { get; init; } = [256, 128, 64];
    public IReadOnlyList<int> CriticHiddenSizes { get; init; } = [256, 128, 64];
    public double ObservationClip { get; init; } = 5.0;
}
