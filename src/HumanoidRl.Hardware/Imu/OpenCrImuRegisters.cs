using System.Buffers.Binary;
using HumanoidRl.Core.Geometry;

namespace HumanoidRl.Hardware.Imu;

/// <summary>
/// The OpenCR IMU registers (reference file, "IMU on the bus"; ID 200, model 0x7400) read as one 18-byte block at
/// address 32: gyro x/y/z (16.4 LSB per deg/s), accelerometer x/y/z (16384 LSB per g), roll/pitch/yaw (0.1 deg).
/// </summary>
public static class OpenCrImuRegisters
{
    public const ushort ModelNumber = 0x7400;
    public const ushort BlockAddress = 32;
    public const int BlockBytes = 18;
    public const double GyroLsbPerDegPerS = 16.4;
    public const double AccelerationLsbPerG = 16384;
    public const double AttitudeLsbPerDeg = 10;
    public const double StandardGravityMPerS2 = 9.80665;

    private const double RadPerDeg = Math.PI / 180;

    public static Vec3 GyroRadPerS(ReadOnlySpan<byte> block) => Vector(block, 0, RadPerDeg / GyroLsbPerDegPerS);

    public static Vec3 AccelerationMPerS2(ReadOnlySpan<byte> block) => Vector(block, 6, StandardGravityMPerS2 / AccelerationLsbPerG);

    /// <summary>World-from-IMU orientation from roll, pitch, yaw as Rz(yaw) Ry(pitch) Rx(roll).</summary>
    public static Quat Orientation(ReadOnlySpan<byte> block)
    {
        var rpy = Vector(block, 12, RadPerDeg / AttitudeLsbPerDeg);
        var (sr, cr) = Math.SinCos(rpy.X / 2);
        var (sp, cp) = Math.SinCos(rpy.Y / 2);
        var (sy, cy) = Math.SinCos(rpy.Z / 2);
        return new Quat(
            cr * cp * cy + sr * sp * sy,
            sr * cp * cy - cr * sp * sy,
            cr * sp * cy + sr * cp * sy,
            cr * cp * sy - sr * sp * cy);
    }

    private static Vec3 Vector(ReadOnlySpan<byte> block, int offset, double unit)
    {
        if (block.Length < BlockBytes)
            throw new ArgumentException($"the IMU block is {BlockBytes} bytes, got {block.Length}", nameof(block));
        return new Vec3(
            BinaryPrimitives.ReadInt16LittleEndian(block[offset..]) * unit,
            BinaryPrimitives.ReadInt16LittleEndian(block[(offset + 2)..]) * unit,
            BinaryPrimitives.ReadInt16LittleEndian(block[(offset + 4)..]) * unit);
    }
}
