namespace HumanoidRl.Core.Geometry;

/// <summary>A 3-vector of doubles (MuJoCo's precision); a value type so math on it never allocates.</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 Zero => default;

    /// <summary>Reads (x, y, z) from the first three entries, e.g. a MuJoCo sensor or qvel slice.</summary>
    public static Vec3 FromSpan(ReadOnlySpan<double> xyz)
    {
        if (xyz.Length < 3) throw new ArgumentException($"a 3-vector needs 3 values, got {xyz.Length}", nameof(xyz));
        return new Vec3(xyz[0], xyz[1], xyz[2]);
    }

    public void CopyTo(Span<double> destination)
    {
        if (destination.Length < 3) throw new ArgumentException($"a 3-vector needs 3 slots, got {destination.Length}", nameof(destination));
        destination[0] = X;
        destination[1] = Y;
        destination[2] = Z;
    }

    public double Length => Math.Sqrt(Dot(this, this));

    public static double Dot(Vec3 a, Vec3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    public static Vec3 Cross(Vec3 a, Vec3 b) => new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vec3 operator *(double scale, Vec3 v) => new(scale * v.X, scale * v.Y, scale * v.Z);
}
