using HumanoidRl.Core.Tasks;
using HumanoidRl.Training.Ppo;

namespace HumanoidRl.Training.Tests.Ppo;

/// <summary>
/// Settings for the cart-pole task: small networks, rsl_rl PPO defaults otherwise, except no entropy bonus
/// (it pushes the std up while clipped actions hide the cost) and a fixed learning rate (with 1.5k samples per
/// update the KL-adaptive rate swings to its 1e-2 cap and the policy oscillates once every episode succeeds).
/// </summary>
internal static class CartPoleTraining
{
    public static TrainingSettings Settings(long seed) => new()
    {
        Seed = seed,
        CollectionTorchThreadCount = 1,
        Ppo = new PpoSettings { EntropyCoef = 0.0, Schedule = LearningRateSchedule.Fixed, LearningRate = 1e-3 },
        Policy = new ActorCriticSettings { ActorHiddenSizes = [64, 64], CriticHiddenSizes = [64, 64] },
    };
}
