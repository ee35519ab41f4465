namespace HumanoidRl.Core.Reward.Terms;

/// <summary>collision: -(number of contacts of anything but a foot with the ground, plus self-collisions).</summary>
internal sealed class CollisionTerm : RewardTerm
{
    public override string Name => "collision";

    public override double Value(in RewardInput input, RewardContext context) => -input.CollisionCount;
}
