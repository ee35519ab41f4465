using System.Collections.Immutable;

namespace HumanoidRl.Core.Robot;

/// <summary>
/// The validated robot description (robot-config/*.yaml) that training, simulation, hardware and the daemon share.
/// Joint-sized vectors everywhere in the system use the order of <see cref="Joints"/> (policy order).
/// </summary>
public sealed record RobotConfig
{
    /// <summary>The YAML file this config was loaded from, as given to the loader.</summary>
    public required string SourcePath { get; init; }

    public required string Name { get; init; }

    /// <summary>MJCF model path as written in the config (relative to the config file).</summary>
    public required string ModelFile { get; init; }

    /// <summary>Absolute path of the MJCF model.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Control loop period; the simulator steps with the same period.</summary>
    public required long LoopPeriodNs { get; init; }

    public required BaseNames Base { get; init; }

    public required ImmutableArray<MotorSpec> Motors { get; init; }

    public required ImmutableArray<BusConfig> Buses { get; init; }

    public required ImuConfig Imu { get; init; }

    public required SafetyLimits Safety { get; init; }

    /// <summary>Joints in policy order (also the order of the MJCF actuators).</summary>
    public required ImmutableArray<JointConfig> Joints { get; init; }

    public int JointCount => Joints.Length;

    public double LoopPeriodS => LoopPeriodNs / 1e9;

    /// <summary>Policy index of a joint, or -1 when no joint has that name.</summary>
    public int IndexOfJoint(string name)
    {
        for (var i = 0; i < Joints.Length; i++)
        {
            if (Joints[i].Name == name) return i;
        }
        return -1;
    }
}

/// <summary>Names in the MJCF model of the floating base and of its sensors.</summary>
public sealed record BaseNames(
    string Body,
    string FreeJoint,
    string ImuSite,
    string GyroSensor,
    string AccelerometerSensor,
    string OrientationSensor,
    ImmutableArray<string> FootTouchSensors,
    string StandKeyframe);

/// <summary>Thresholds past which the robot counts as fallen, and the hand-over to a policy.</summary>
/// <param name="SoftStartS">How long a policy's torques blend in with the default-pose hold when it takes over (see SoftStart).</param>
public sealed record SafetyLimits(double FallRollRad, double FallPitchRad, double MinBaseHeightM, double SoftStartS);
