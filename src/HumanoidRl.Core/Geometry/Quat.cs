namespace HumanoidRl.Core.Geometry;

/// <summary>
/// A rotation quaternion in MuJoCo's (w, x, y, z) order, mapping body-frame vectors to the world frame
/// (as qpos[3..7] of a free joint and the framequat sensor do). A value type: nothing here allocates.
/// </summary>
public readonly record struct Quat(double W, double X, double Y, double Z)
{
    public static Quat Identity => new(1, 0, 0, 0);

    /// <summary>Reads (w, x, y, z) from the first four entries, e.g. a free joint's qpos[3..7].</summary>
    public static Quat FromSpan(ReadOnlySpan<double> wxyz)
    {
        if (wxyz.Length < 4) throw new ArgumentException($"a quaternion needs 4 values (w, x, y, z), got {wxyz.Length}", nameof(wxyz));
        return new Quat(wxyz[0], wxyz[1], wxyz[2], wxyz[3]);
    }

    /// <summary>Rotation by <paramref name="angleRad"/> about <paramref name="axis"/> (need not be unit length).</summary>
    public static Quat FromAxisAngle(Vec3 axis, double angleRad)
    {
        var length = axis.Length;
        if (length == 0) throw new ArgumentException("the rotation axis must not be zero", nameof(axis));
        var s = Math.Sin(angleRad / 2) / length;
        return new Quat(Math.Cos(angleRad / 2), s * axis.X, s * axis.Y, s * axis.Z);
    }

    public void CopyTo(Span<double> destination)
    {
        if (destination.Length < 4)
            throw new ArgumentException($"a quaternion needs 4 slots, got {destination.Length}", nameof(destination));
        destination[0] = W;
        destination[1] = X;
        destination[2] = Y;
        destination[3] = Z;
    }

    // A method, not a property: the record's generated ToString prints properties and would recurse forever.
    public Quat Conjugate() => new(W, -X, -Y, -Z);

    public double Norm => Math.Sqrt(W * W + X * X + Y * Y + Z * Z);

    /// <summary>Unit-length copy (integration and sensor noise drift the norm).</summary>
    public Quat Normalized()
    {
        var norm = Norm;
        if (norm == 0) throw new InvalidOperationException("a zero quaternion has no direction");
        return new Quat(W / norm, X / norm, Y / norm, Z / norm);
    }

    /// <summary>Hamilton product: rotating by (a * b) rotates by b first, then by a.</summary>
    public static Quat operator *(Quat a, Quat b) => new(
        a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
        a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
        a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
        a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

    /// <summary>Body to world: the vector v expressed in the body frame, rotated into the world frame.</summary>
    public Vec3 Rotate(Vec3 v)
    {
        // v' = v + 2w (u x v) + 2 u x (u x v), u = (x, y, z); valid for unit quaternions.
        var u = new Vec3(X, Y, Z);
        var t = 2 * Vec3.Cross(u, v);
        return v + W * t + Vec3.Cross(u, t);
    }

    /// <summary>World to body: a world-frame vector expressed in the body frame.</summary>
    public Vec3 InverseRotate(Vec3 v) => Conjugate().Rotate(v);

    /// <summary>
    /// The unit gravity direction (0, 0, -1) seen in the body frame: (0, 0, -1) when upright, tilting toward
    /// the side the body leans to. The usual policy observation for attitude.
    /// </summary>
    public Vec3 ProjectedGravity() => InverseRotate(new Vec3(0, 0, -1));

    /// <summary>
    /// Roll, pitch, yaw (rad) of the rotation written as Rz(yaw) * Ry(pitch) * Rx(roll), MuJoCo's and ROS's
    /// convention. Pitch is in [-pi/2, pi/2]; roll and yaw in (-pi, pi].
    /// </summary>
    public RollPitchYaw ToRollPitchYaw()
    {
        var roll = Math.Atan2(2 * (W * X + Y * Z), 1 - 2 * (X * X + Y * Y));
        var pitch = Math.Asin(Math.Clamp(2 * (W * Y - Z * X), -1, 1));
        var yaw = Math.Atan2(2 * (W * Z + X * Y), 1 - 2 * (Y * Y + Z * Z));
        return new RollPitchYaw(roll, pitch, yaw);
    }
}

/// <summary>Tait-Bryan angles (rad) of a rotation Rz(yaw) * Ry(pitch) * Rx(roll).</summary>
public readonly record struct RollPitchYaw(double RollRad, double PitchRad, double YawRad);
