using System.Collections.Immutable;
using HumanoidRl.Core.Geometry;
using HumanoidRl.Core.Robot;

namespace HumanoidRl.Hardware.Imu;

/// <summary>
/// How the IMU sits in the body, from the config's axis_map (body x, y, z = sign * IMU axis): turns IMU-frame
/// vectors and attitude into body-frame ones and back. Only proper rotations are accepted (an axis map with a
/// mirror cannot be a mounting).
/// </summary>
public sealed class ImuMounting
{
    private readonly int[] _sourceAxis = new int[3];
    private readonly int[] _sign = new int[3];

    public ImuMounting(ImmutableArray<ImuAxis> axisMap, string configPath)
    {
        if (axisMap.Length != 3)
            throw new ArgumentException($"{configPath}: imu.axis_map needs 3 entries, has {axisMap.Length}", nameof(axisMap));
        var matrix = new double[3, 3]; // column i = body axis i in IMU coordinates
        for (var body = 0; body < 3; body++)
        {
            _sourceAxis[body] = axisMap[body].SourceAxis;
            _sign[body] = axisMap[body].Sign;
            matrix[_sourceAxis[body], body] = _sign[body];
        }
        var determinant =
            matrix[0, 0] * (matrix[1, 1] * matrix[2, 2] - matrix[1, 2] * matrix[2, 1])
            - matrix[0, 1] * (matrix[1, 0] * matrix[2, 2] - matrix[1, 2] * matrix[2, 0])
            + matrix[0, 2] * (matrix[1, 0] * matrix[2, 1] - matrix[1, 1] * matrix[2, 0]);
        if (Math.Abs(determinant - 1) > 1e-9)
        {
            throw new ArgumentException(
                $"{configPath}: imu.axis_map [{string.Join(", ", axisMap)}] is not a rotation (each axis once, right-handed)",
                nameof(axisMap));
        }
        ImuFromBody = FromMatrix(matrix);
    }

    /// <summary>The body frame's orientation relative to the IMU frame.</summary>
    public Quat ImuFromBody { get; }

    public Vec3 ToBody(Vec3 imu) => new(Component(imu, 0), Component(imu, 1), Component(imu, 2));

    public Vec3 ToImu(Vec3 body)
    {
        Span<double> imu = stackalloc double[3];
        imu[_sourceAxis[0]] = _sign[0] * body.X;
        imu[_sourceAxis[1]] = _sign[1] * body.Y;
        imu[_sourceAxis[2]] = _sign[2] * body.Z;
        return new Vec3(imu[0], imu[1], imu[2]);
    }

    /// <summary>World-from-body given world-from-IMU.</summary>
    public Quat BodyOrientation(Quat worldFromImu) => worldFromImu * ImuFromBody;

    /// <summary>World-from-IMU given world-from-body.</summary>
    public Quat ImuOrientation(Quat worldFromBody) => worldFromBody * ImuFromBody.Conjugate();

    private double Component(Vec3 imu, int body) => _sign[body] * (_sourceAxis[body] switch { 0 => imu.X, 1 => imu.Y, _ => imu.Z });

    /// <summary>Rotation matrix to unit quaternion (Shepperd's method, stable for every rotation).</summary>
    private static Quat FromMatrix(double[,] m)
    {
        var trace = m[0, 0] + m[1, 1] + m[2, 2];
        if (trace > 0)
        {
            var s = Math.Sqrt(trace + 1) * 2;
            return new Quat(0.25 * s, (m[2, 1] - m[1, 2]) / s, (m[0, 2] - m[2, 0]) / s, (m[1, 0] - m[0, 1]) / s).Normalized();
        }
        if (m[0, 0] > m[1, 1] && m[0, 0] > m[2, 2])
        {
            var s = Math.Sqrt(1 + m[0, 0] - m[1, 1] - m[2, 2]) * 2;
            return new Quat((m[2, 1] - m[1, 2]) / s, 0.25 * s, (m[0, 1] + m[1, 0]) / s, (m[0, 2] + m[2, 0]) / s).Normalized();
        }
        if (m[1, 1] > m[2, 2])
        {
            var s = Math.Sqrt(1 + m[1, 1] - m[0, 0] - m[2, 2]) * 2;
            return new Quat((m[0, 2] - m[2, 0]) / s, (m[0, 1] + m[1, 0]) / s, 0.25 * s, (m[1, 2] + m[2, 1]) / s).Normalized();
        }
        var t = Math.Sqrt(1 + m[2, 2] - m[0, 0] - m[1, 1]) * 2;
        return new Quat((m[1, 0] - m[0, 1]) / t, (m[0, 2] + m[2, 0]) / t, (m[1, 2] + m[2, 1]) / t, 0.25 * t).Normalized();
    }
}
