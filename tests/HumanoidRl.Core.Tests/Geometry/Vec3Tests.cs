using HumanoidRl.Core.Geometry;

namespace HumanoidRl.Core.Tests.Geometry;

public sealed class Vec3Tests
{
    [Fact]
    public void Cross_of_x_and_y_is_z()
    {
        Assert.Equal(new Vec3(0, 0, 1), Vec3.Cross(new Vec3(1, 0, 0), new Vec3(0, 1, 0)));
    }

    [Fact]
    public void Span_round_trip_and_short_spans_are_rejected()
    {
        Span<double> buffer = stackalloc double[3];
        new Vec3(1, 2, 3).CopyTo(buffer);
        Assert.Equal(new Vec3(1, 2, 3), Vec3.FromSpan(buffer));
        Assert.Throws<ArgumentException>(() => Vec3.FromSpan([1.0, 2.0]));
    }
}
