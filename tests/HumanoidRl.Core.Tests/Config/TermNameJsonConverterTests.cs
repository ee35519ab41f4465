using System.Text.Json;
using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Reward;

namespace HumanoidRl.Core.Tests.Config;

public sealed class TermNameJsonConverterTests
{
    [Fact]
    public void Terms_serialize_by_the_names_their_enums_had_as_values_and_dictionary_keys()
    {
        var weights = new Dictionary<RewardTerm, double> { [RewardTerm.LinearVelocityTracking] = 2.0 };

        Assert.Equal("{\"LinearVelocityTracking\":2}", JsonSerializer.Serialize(weights));
        Assert.Equal("\"RollPitch\"", JsonSerializer.Serialize(ObservationTermKind.RollPitch));
        Assert.Same(RewardTerm.FootSlip, JsonSerializer.Deserialize<RewardTerm>("\"FootSlip\""));
    }
}
