using HumanoidRl.Core.Sensing;
using HumanoidRl.MuJoCo;

namespace HumanoidRl.Sim.Robot;

/// <summary>
/// Reads what the real robot would measure out of MuJoCo: joint encoders (policy order), applied torques,
/// and the IMU's orientation, gyro and accelerometer sensors.
/// </summary>
public static class SimulatedSensors
{
    public static void Read(HumanoidBinding binding, MjData data, ReadOnlySpan<double> appliedTorqueNm, long timestampNs, SensorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(frame);
        var qpos = data.Qpos;
        var qvel = data.Qvel;
        var sensors = data.Sensordata;
        for (var j = 0; j < frame.JointCount; j++)
        {
            frame.JointPositionRad[j] = qpos[binding.JointQposAdr[j]];
            frame.JointVelocityRadPerS[j] = qvel[binding.JointDofAdr[j]];
            frame.JointTorqueNm[j] = appliedTorqueNm[j];
        }
        sensors.Slice(binding.OrientationAdr, 4).CopyTo(frame.ImuQuaternion);
        sensors.Slice(binding.GyroAdr, 3).CopyTo(frame.GyroRadPerS);
        sensors.Slice(binding.AccelerometerAdr, 3).CopyTo(frame.AccelMPerS2);
        frame.TimestampNs = timestampNs;
    }
}
