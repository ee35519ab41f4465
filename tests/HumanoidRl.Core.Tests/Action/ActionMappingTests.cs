using HumanoidRl.Core.Action;

namespace HumanoidRl.Core.Tests.Action;

public sealed class ActionMappingTests
{
    [Fact]
    public void ClampNormalized_limits_every_value_to_plus_minus_one_and_keeps_the_ones_inside()
    {
        float[] raw = [3.5f, -1.2f, 0.25f, -0.75f, 1f];
        var clamped = new float[raw.Length];

        ActionMapping.ClampNormalized(raw, clamped);

        Assert.Equal([1f, -1f, 0.25f, -0.75f, 1f], clamped);
    }

    [Fact]
    public void ClampNormalized_works_in_place_and_refuses_mismatched_buffers()
    {
        float[] actions = [-7f, 0.5f];

        ActionMapping.ClampNormalized(actions, actions);

        Assert.Equal([-1f, 0.5f], actions);
        Assert.Throws<ArgumentException>(() => ActionMapping.ClampNormalized(actions, new float[3]));
    }
}
