namespace HumanoidRl.Training.Runs;

/// <summary>
/// How to start a training run; Iterations and Minutes bound it (whichever ends first). InitFrom starts the run
/// from another run's checkpoint or from an exported policy (.onnx); the first CriticWarmupIterations updates then
/// train the critic alone (see <see cref="TrainingSession.Start"/>).
/// </summary>
public sealed record TrainingRunOptions(
    string RunFolder,
    long Seed,
    int Environments,
    int Iterations,
    double? Minutes,
    int Threads,
    string CommandLine,
    int CheckpointEveryIterations = 25,
    string? InitFrom = null,
    int CriticWarmupIterations = 0);
