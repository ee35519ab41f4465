using HumanoidRl.Core.Config;

namespace HumanoidRl.Core.Observation;

/// <summary>JSON form of an observation term kind: the PascalCase of its contract name.</summary>
public sealed class ObservationTermKindJsonConverter : TermNameJsonConverter<ObservationTermKind>
{
    protected override IReadOnlyList<ObservationTermKind> Known => ObservationTermKind.All;

    protected override string KeyOf(ObservationTermKind term) => term.Name;
}
