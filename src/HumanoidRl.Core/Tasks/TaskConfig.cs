using HumanoidRl.Core.Reward;

namespace HumanoidRl.Core.Tasks;

/// <summary>A training task: the robot it runs on, its environment, rewards, randomization, commands and PPO settings.</summary>
public sealed record TaskConfig
{
    public required string SourcePath { get; init; }

    public required string Name { get; init; }

    /// <summary>Robot config file, resolved against the task file's folder.</summary>
    public required string RobotConfigPath { get; init; }

    public required EnvironmentSettings Environment { get; init; }

    public required RewardWeights Rewards { get; init; }

    public RandomizationSpec Randomization { get; init; } = new();

    public CommandSpec Commands { get; init; } = new();

    public PpoSettings Ppo { get; init; } = new();

    public ActorCriticSettings Policy { get; init; } = new();

    /// <summary>Defaults of a training run of this task (the CLI may override them).</summary>
    public TrainingBudget Budget { get; init; } = new();
}

/// <summary>How much training a task gets by default.</summary>
/// <param name="Environments">Parallel environments.</param>
/// <param name="Iterations">PPO iterations (each NumStepsPerEnv x Environments policy steps).</param>
public sealed record TrainingBudget(int Environments = 64, int Iterations = 300);
