using HumanoidRl.Training.Ppo;
using TorchSharp.Modules;
using static TorchSharp.torch.utils.tensorboard;

namespace HumanoidRl.Training.Runs;

/// <summary>TensorBoard event files in the run folder (TorchSharp's SummaryWriter), one point per iteration.</summary>
public sealed class TensorBoardLog(string runFolder)
{
    private readonly SummaryWriter _writer = SummaryWriter(runFolder);

    public void Add(IterationStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var step = statistics.Iteration;
        _writer.add_scalar("episode/mean_return", (float)statistics.Episodes.MeanReturn, step);
        _writer.add_scalar("episode/mean_length", (float)statistics.Episodes.MeanLength, step);
        _writer.add_scalar("episode/fall_rate", (float)statistics.Episodes.FallRate, step);
        _writer.add_scalar("ppo/kl", (float)statistics.Update.MeanKl, step);
        _writer.add_scalar("ppo/learning_rate", (float)statistics.Update.LearningRate, step);
        _writer.add_scalar("ppo/value_loss", (float)statistics.Update.ValueLoss, step);
        _writer.add_scalar("ppo/surrogate_loss", (float)statistics.Update.SurrogateLoss, step);
        _writer.add_scalar("ppo/entropy", (float)statistics.Update.Entropy, step);
        _writer.add_scalar("policy/mean_action_std", (float)statistics.MeanActionStd, step);
        _writer.add_scalar("policy/clamped_action_fraction", (float)statistics.ClampedActionFraction, step);
        _writer.add_scalar("perf/env_steps_per_s", (float)statistics.EnvironmentStepsPerSecond, step);
        if (!double.IsNaN(statistics.Update.VelocityEstimationLoss))
            _writer.add_scalar("ppo/velocity_estimation_loss", (float)statistics.Update.VelocityEstimationLoss, step);
        if (statistics.CommandRangeFraction is { } fraction) _writer.add_scalar("curriculum/command_range_fraction", (float)fraction, step);
    }
}
