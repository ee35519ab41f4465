using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Reward;

/// <summary>JSON form of a reward term: the PascalCase of its key.</summary>
public sealed class RewardTermJsonConverter : TermNameJsonConverter<RewardTerm>
{
    protected override IReadOnlyList<RewardTerm> Known => RewardTerm.BuiltIn;

    protected override string KeyOf(RewardTerm term) => term.Name;
}
