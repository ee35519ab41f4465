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
}
