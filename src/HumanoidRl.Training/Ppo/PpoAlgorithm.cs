using HumanoidRl.Core.Tasks;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Ppo;

/// <summary>
/// The PPO update: clipped surrogate, (clipped) value loss, entropy bonus, gradient norm clip, Adam, and the
/// adaptive-KL learning rate, over NumLearningEpochs x NumMiniBatches shuffled minibatches of a rollout. With a
/// velocity head, its squared error against the critic observation's velocity values joins the loss.
/// </summary>
public sealed class PpoAlgorithm : IDisposable
{
    private readonly Adam _optimizer;
    private readonly long _velocityTargetIndex;

    /// <param name="velocityTargetIndex">
    /// Where in the (normalized) critic observation the values the velocity head estimates start; used only when
    /// the actor-critic has a head.
    /// </param>
    public PpoAlgorithm(ActorCritic actorCritic, PpoSettings settings, int velocityTargetIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(actorCritic);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (actorCritic.VelocityEstimateSize > 0
            && (velocityTargetIndex < 0
                || velocityTargetIndex + actorCritic.VelocityEstimateSize > actorCritic.CriticObservationSize))
            throw new ArgumentOutOfRangeException(nameof(velocityTargetIndex), velocityTargetIndex,
                $"the velocity head's {actorCritic.VelocityEstimateSize} targets must lie within " +
                $"the critic observation's {actorCritic.CriticObservationSize} values");
        _velocityTargetIndex = velocityTargetIndex;
        ActorCritic = actorCritic;
        Settings = settings;
        LearningRate = settings.LearningRate;
        _optimizer = optim.Adam(actorCritic.parameters(), lr: LearningRate);
    }

    public ActorCritic ActorCritic { get; }

    public PpoSettings Settings { get; }

    /// <summary>Current learning rate (moved by the adaptive-KL schedule).</summary>
    public double LearningRate { get; private set; }

    /// <summary>
    /// One update from a full rollout whose returns have been computed; the generator shuffles minibatches. With
    /// <paramref name="criticOnly"/> only the value loss is minimized at the current learning rate: the actor and
    /// its action std stay exactly as they are (a new critic learning the values of a policy taken over).
    /// </summary>
    public PpoUpdateStatistics Update(RolloutStorage storage, Generator generator, bool criticOnly = false)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(generator);
        double klSum = 0, valueLossSum = 0, surrogateSum = 0, entropySum = 0, velocitySum = 0;
        var updates = 0;
        foreach (var batch in storage.MiniBatches(Settings.NumMiniBatches, Settings.NumLearningEpochs, generator))
        {
            using var ownedBatch = batch;
            using var scope = NewDisposeScope();
            var (logProbs, entropy, means, stds, velocityEstimates) = ActorCritic.Evaluate(batch.Observations, batch.Actions);
            var values = ActorCritic.Value(batch.CriticObservations);

            double kl;
            using (no_grad())
            {
                kl = GaussianKl(batch.Means, batch.Stds, means, stds).mean().item<float>();
            }
            if (Settings.Schedule == LearningRateSchedule.AdaptiveKl && !criticOnly)
            {
                LearningRate = AdaptiveKlSchedule.Next(
                    LearningRate, kl, Settings.DesiredKl, Settings.MinLearningRate, Settings.MaxLearningRate);
                ApplyLearningRate();
            }

            var ratio = (logProbs - batch.LogProbs).exp();
            var surrogate = -batch.Advantages * ratio;
            var surrogateClipped = -batch.Advantages * ratio.clamp(1.0 - Settings.ClipParam, 1.0 + Settings.ClipParam);
            var surrogateLoss = maximum(surrogate, surrogateClipped).mean();

            Tensor valueLoss;
            if (Settings.UseClippedValueLoss)
            {
                var valuesClipped = batch.Values + (values - batch.Values).clamp(-Settings.ClipParam, Settings.ClipParam);
                valueLoss = maximum((values - batch.Returns).square(), (valuesClipped - batch.Returns).square()).mean();
            }
            else
            {
                valueLoss = (values - batch.Returns).square().mean();
            }

            var entropyMean = entropy.mean();
            var velocityLoss = velocityEstimates is null
                ? null
                : (velocityEstimates - batch.CriticObservations.narrow(1, _velocityTargetIndex, velocityEstimates.shape[1]))
                    .square().mean();
            // Alone the value loss needs no coefficient: that only weighs it against the surrogate. The velocity head
            // shares the actor's layers, which a critic-only update leaves as they are.
            var loss = criticOnly
                ? valueLoss
                : surrogateLoss + Settings.ValueLossCoef * valueLoss - Settings.EntropyCoef * entropyMean
                    + Settings.BoundsLossCoef * BoundsLoss(means);
            if (velocityLoss is not null && !criticOnly) loss += Settings.VelocityEstimationCoef * velocityLoss;

            _optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(ActorCritic.parameters(), Settings.MaxGradNorm);
            _optimizer.step();

            klSum += kl;
            valueLossSum += valueLoss.item<float>();
            surrogateSum += surrogateLoss.item<float>();
            entropySum += entropyMean.item<float>();
            velocitySum += velocityLoss?.item<float>() ?? double.NaN;
            updates++;
        }
        return new PpoUpdateStatistics(
            klSum / updates, valueLossSum / updates, surrogateSum / updates, entropySum / updates, LearningRate, velocitySum / updates);
    }

    /// <summary>
    /// Squared distance of each action mean outside [-1, 1], summed over action dimensions and averaged over the
    /// batch: zero while every mean is inside the range the environment acts on.
    /// </summary>
    public static Tensor BoundsLoss(Tensor means)
    {
        ArgumentNullException.ThrowIfNull(means);
        return ((means - 1.0).clamp_min(0).square() + (means + 1.0).clamp_max(0).square()).sum(-1).mean();
    }

    /// <summary>KL(old || new) of diagonal Gaussians, summed over action dimensions.</summary>
    public static Tensor GaussianKl(Tensor oldMeans, Tensor oldStds, Tensor newMeans, Tensor newStds)
    {
        ArgumentNullException.ThrowIfNull(oldMeans);
        ArgumentNullException.ThrowIfNull(oldStds);
        ArgumentNullException.ThrowIfNull(newMeans);
        ArgumentNullException.ThrowIfNull(newStds);
        return ((newStds / oldStds).log() + (oldStds.square() + (oldMeans - newMeans).square()) / (2.0 * newStds.square()) - 0.5).sum(-1);
    }

    /// <summary>Writes the learning rate and Adam's state (moments and step counts).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(LearningRate);
        _optimizer.save_state_dict(writer);
    }

    /// <summary>Restores what <see cref="Write"/> wrote, into this optimizer over the same parameters.</summary>
    public void Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        LearningRate = reader.ReadDouble();
        _optimizer.load_state_dict(reader);
        ApplyLearningRate();
    }

    public void Dispose() => _optimizer.Dispose();

    private void ApplyLearningRate()
    {
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = LearningRate;
    }
}
