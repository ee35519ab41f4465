using System.Buffers.Binary;
using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// The IMU of an OpenCR board as the ROBOTIS OP3 uses it (reference file, "IMU on the bus"): ID 200, model
/// 0x7400; gyro at 32/34/36 (16.4 LSB per deg/s), accelerometer at 38/40/42 (32768 = 2 g), roll/pitch/yaw at
/// 44/46/48 (0.1 deg), IMU control at 50 (calibration requests finish at once here).
/// </summary>
public sealed class VirtualOpenCrImu : VirtualDevice
{
    public const byte DefaultId = 200;
    public const ushort ModelNumberValue = 0x7400;
    public const ushort GyroXAddress = 32;
    public const ushort AccelerationXAddress = 38;
    public const ushort RollAddress = 44;
    public const ushort ImuControlAddress = 50;
    public const double GyroLsbPerDegPerS = 16.4;
    public const double AccelerationLsbPerG = 16384;
    public const double AttitudeLsbPerDeg = 10;

    private const int ControlTableBytes = 256;
    private const double StandardGravityMPerS2 = 9.80665;

    public VirtualOpenCrImu(byte id = DefaultId, byte firmware = 1)
        : base(id, ModelNumberValue, firmware, ControlTableBytes)
    {
    }

    public void Update(ImuReading reading)
    {
        var table = ControlTable.AsSpan();
        WriteVector(table[GyroXAddress..], reading.AngularVelocityRadPerS, 180 / Math.PI * GyroLsbPerDegPerS);
        WriteVector(table[AccelerationXAddress..], reading.AccelerationMPerS2, AccelerationLsbPerG / StandardGravityMPerS2);
        WriteVector(table[RollAddress..], reading.RollPitchYawRad, 180 / Math.PI * AttitudeLsbPerDeg);
    }

    protected override StatusErrorCode CheckWrite(int address, ReadOnlySpan<byte> data)
    {
        var basic = base.CheckWrite(address, data);
        if (basic != StatusErrorCode.None) return basic;
        return Overlaps(address, data.Length, GyroXAddress, ImuControlAddress) ? StatusErrorCode.AccessError : StatusErrorCode.None;
    }

    protected override void AfterWrite(int address, int length)
    {
        if (Overlaps(address, length, ImuControlAddress, ImuControlAddress + 1)) ControlTable[ImuControlAddress] = 0;
    }

    private static void WriteVector(Span<byte> destination, System.Numerics.Vector3 value, double lsbPerUnit)
    {
        BinaryPrimitives.WriteInt16LittleEndian(destination, Saturate(value.X * lsbPerUnit));
        BinaryPrimitives.WriteInt16LittleEndian(destination[2..], Saturate(value.Y * lsbPerUnit));
        BinaryPrimitives.WriteInt16LittleEndian(destination[4..], Saturate(value.Z * lsbPerUnit));
    }

    private static short Saturate(double value) => (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
}
