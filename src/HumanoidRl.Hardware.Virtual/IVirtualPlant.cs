using System.Numerics;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// What an IMU measures, in SI: gyro rad/s, specific force m/s^2 (reads +9.81 on z when upright and still), attitude rad.
/// </summary>
public readonly record struct ImuReading(Vector3 AngularVelocityRadPerS, Vector3 AccelerationMPerS2, Vector3 RollPitchYawRad);

/// <summary>
/// The physics behind the virtual bus: motor currents in, joint state and IMU out. The bus calls
/// <see cref="Advance"/> with the currents the motors' Goal Current registers ask for, then reads the state
/// back into the Present registers. Joint index i is the i-th motor given to the bus.
/// </summary>
public interface IVirtualPlant
{
    int JointCount { get; }

    /// <summary>Advances the plant by <paramref name="durationS"/> with <paramref name="motorCurrentA"/> applied (one per joint).</summary>
    void Advance(ReadOnlySpan<double> motorCurrentA, double durationS);

    /// <summary>Motor shaft angle; 0 is the horn centre.</summary>
    double PositionRad(int joint);

    double VelocityRadPerS(int joint);

    /// <summary>The current the motor actually draws (what Present Current reports).</summary>
    double CurrentA(int joint);

    ImuReading Imu { get; }
}
