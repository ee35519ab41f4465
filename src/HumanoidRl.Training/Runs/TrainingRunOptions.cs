namespace HumanoidRl.Training.Runs;

/// <summary>
/// How to start a training run; Iterations and Minutes bound it (whichever ends first). InitFromCheckpoint
/// starts the run from another run's full training state (see <see cref="TrainingSession.Start"/>).
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
    string? InitFromCheckpoint = null);
