using HumanoidRl.Core.Geometry;

namespace HumanoidRl.Core.Tests.Geometry;

public sealed class QuatTests
{
    private const double Tolerance = 1e-12;
    private static readonly Vec3 XAxis = new(1, 0, 0);
    private static readonly Vec3 YAxis = new(0, 1, 0);
    private static readonly Vec3 ZAxis = new(0, 0, 1);

    private static void AssertClose(Vec3 expected, Vec3 actual)
    {
        Assert.True((expected - actual).Length < Tolerance, $"expected {expected}, got {actual}");
    }

    [Fact]
    public void Projected_gravity_of_the_identity_points_straight_down()
    {
        AssertClose(new Vec3(0, 0, -1), Quat.Identity.ProjectedGravity());
    }

    [Fact]
    public void Rotation_of_90_degrees_about_x_gives_roll_of_half_pi()
    {
        var attitude = Quat.FromAxisAngle(XAxis, System.Math.PI / 2).ToRollPitchYaw();
        Assert.Equal(System.Math.PI / 2, attitude.RollRad, Tolerance);
        Assert.Equal(0, attitude.PitchRad, Tolerance);
        Assert.Equal(0, attitude.YawRad, Tolerance);
    }

    [Fact]
    public void Rotation_about_y_gives_pitch_and_about_z_gives_yaw()
    {
        var pitched = Quat.FromAxisAngle(YAxis, 0.3).ToRollPitchYaw();
        Assert.Equal(0, pitched.RollRad, Tolerance);
        Assert.Equal(0.3, pitched.PitchRad, Tolerance);
        Assert.Equal(0, pitched.YawRad, Tolerance);
        Assert.Equal(-2.5, Quat.FromAxisAngle(ZAxis, -2.5).ToRollPitchYaw().YawRad, Tolerance);
    }

    [Fact]
    public void Roll_pitch_yaw_recovers_the_angles_of_a_z_y_x_composition()
    {
        var q = Quat.FromAxisAngle(ZAxis, 0.7) * Quat.FromAxisAngle(YAxis, -0.4) * Quat.FromAxisAngle(XAxis, 0.25);
        var attitude = q.ToRollPitchYaw();
        Assert.Equal(0.25, attitude.RollRad, Tolerance);
        Assert.Equal(-0.4, attitude.PitchRad, Tolerance);
        Assert.Equal(0.7, attitude.YawRad, Tolerance);
    }

    [Fact]
    public void Rotating_by_90_degrees_about_z_turns_x_into_y()
    {
        AssertClose(YAxis, Quat.FromAxisAngle(ZAxis, System.Math.PI / 2).Rotate(XAxis));
    }

    [Fact]
    public void Inverse_rotate_undoes_rotate()
    {
        var q = Quat.FromAxisAngle(new Vec3(1, -2, 0.5), 1.1);
        var v = new Vec3(0.3, -1.2, 2.0);
        AssertClose(v, q.InverseRotate(q.Rotate(v)));
        AssertClose(v, q.Rotate(q.InverseRotate(v)));
    }

    [Fact]
    public void Body_rolled_90_degrees_about_x_sees_gravity_along_its_negative_y_axis()
    {
        // Rolled +90 degrees about x, body y points straight up, so gravity runs along body -y.
        AssertClose(new Vec3(0, -1, 0), Quat.FromAxisAngle(XAxis, System.Math.PI / 2).ProjectedGravity());
    }

    [Fact]
    public void Body_pitched_nose_down_sees_gravity_toward_its_front()
    {
        // Positive pitch about +y tips body x downward, so gravity gains a positive body-x component.
        var gravity = Quat.FromAxisAngle(YAxis, 0.2).ProjectedGravity();
        AssertClose(new Vec3(System.Math.Sin(0.2), 0, -System.Math.Cos(0.2)), gravity);
    }

    [Fact]
    public void Product_applies_the_right_rotation_first()
    {
        var aboutZ = Quat.FromAxisAngle(ZAxis, System.Math.PI / 2);
        var aboutX = Quat.FromAxisAngle(XAxis, System.Math.PI / 2);
        // x-rotation keeps X; z-rotation then turns it into Y.
        AssertClose(YAxis, (aboutZ * aboutX).Rotate(XAxis));
        // z-rotation turns X into Y first; x-rotation then turns Y into Z.
        AssertClose(ZAxis, (aboutX * aboutZ).Rotate(XAxis));
    }

    [Fact]
    public void Pitch_is_clamped_at_half_pi_when_rounding_pushes_the_sine_past_one()
    {
        var overUnit = new Quat(System.Math.Sqrt(0.5) + 1e-9, 0, System.Math.Sqrt(0.5) + 1e-9, 0);
        Assert.Equal(System.Math.PI / 2, overUnit.ToRollPitchYaw().PitchRad, 1e-6);
    }

    [Fact]
    public void Spans_in_MuJoCo_order_round_trip()
    {
        ReadOnlySpan<double> qpos = [0.0, 0.0, 0.64, 0.9, 0.1, -0.2, 0.3];
        var q = Quat.FromSpan(qpos[3..]);
        Assert.Equal(new Quat(0.9, 0.1, -0.2, 0.3), q);
        Span<double> copy = stackalloc double[4];
        q.CopyTo(copy);
        Assert.Equal(qpos[3..].ToArray(), copy.ToArray());
        Assert.Throws<ArgumentException>(() => Quat.FromSpan([1.0, 0.0, 0.0]));
    }

    [Fact]
    public void Normalized_scales_to_unit_length_and_rejects_zero()
    {
        Assert.Equal(1, new Quat(2, 0, 0, 2).Normalized().Norm, Tolerance);
        Assert.Throws<InvalidOperationException>(() => default(Quat).Normalized());
    }

    [Fact]
    public void Math_allocates_nothing()
    {
        var q = Quat.FromAxisAngle(new Vec3(0.2, 1, 0.1), 0.4);
        ReadOnlySpan<double> wxyz = [q.W, q.X, q.Y, q.Z];
        var sum = 0.0;
        _ = Quat.FromSpan(wxyz).ProjectedGravity(); // JIT warm-up
        _ = q.ToRollPitchYaw();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            var p = Quat.FromSpan(wxyz).Normalized();
            sum += p.ProjectedGravity().Z + p.ToRollPitchYaw().PitchRad + p.Rotate(new Vec3(i, 0, 1)).X;
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(double.IsFinite(sum));
    }
}
