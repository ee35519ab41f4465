using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Control.Controller;

/// <summary>The ranges of the operator's velocity command (daemon config velocity_command); commands are clamped into them.</summary>
public sealed record VelocityLimits(UniformRange VxMPerS, UniformRange VyMPerS, UniformRange YawRateRadPerS)
{
    public static VelocityLimits Default { get; } =
        new(new UniformRange(-0.5, 1.0), new UniformRange(-0.3, 0.3), new UniformRange(-1.0, 1.0));

    public (double Vx, double Vy, double YawRate) Clamp(double vx, double vy, double yawRate) =>
        (VxMPerS.Clamp(vx), VyMPerS.Clamp(vy), YawRateRadPerS.Clamp(yawRate));
}

/// <summary>Real-time hardening of the loop thread; each refusal is reported, never fatal.</summary>
/// <param name="FifoPriority">SCHED_FIFO priority (1..99), or 0 for the normal scheduler.</param>
/// <param name="CpuAffinity">CPU to pin the loop thread to, or -1 for none.</param>
/// <param name="CpuAffinityAuto">The config said auto and <see cref="CpuAffinity"/> is the CPU chosen for this machine.</param>
/// <param name="LockMemory">mlockall(MCL_CURRENT | MCL_FUTURE).</param>
/// <param name="SpinUs">Busy-wait this long before each deadline instead of sleeping (0 = sleep until it). On a
/// dedicated core this keeps the policy's weights in cache and the core out of idle states between ticks.</param>
/// <param name="PolicyPrewarmUs">Run the policy once on its last observation this long before each inference tick's
/// deadline, result discarded (0 = never). After a policy period of idle, other work on a shared machine has evicted
/// ONNX Runtime's code and data from the caches and the call costs many times what it costs warm; the warm-up pays that
/// before the deadline instead of inside the tick, between sensor read and torque write.</param>
public sealed record RealtimeOptions(
    int FifoPriority = 0, int CpuAffinity = -1, bool LockMemory = false, int SpinUs = 0, int PolicyPrewarmUs = 0,
    bool CpuAffinityAuto = false);

/// <summary>Everything the loop needs from the robot config, in policy joint order.</summary>
public sealed record ControllerSettings
{
    public required long PeriodNs { get; init; }
    public required SafetyThresholds Safety { get; init; }
    public required double[] DefaultPoseRad { get; init; }
    public required double[] LowerLimitRad { get; init; }
    public required double[] UpperLimitRad { get; init; }
    public required double[] TorqueLimitNm { get; init; }
    public required double[] StandKpNmPerRad { get; init; }
    public required double[] StandKdNmSPerRad { get; init; }

    /// <summary>Joint damping of the Damping mode (zero position gain).</summary>
    public required double[] DampingKdNmSPerRad { get; init; }

    /// <summary>Time over which StandUp interpolates from the current pose to the default pose.</summary>
    public double StandUpS { get; init; } = 2.0;

    public VelocityLimits Velocity { get; init; } = VelocityLimits.Default;

    public RealtimeOptions Realtime { get; init; } = new();

    /// <summary>Run ticks back to back instead of at the period (simulator tests and benchmarks).</summary>
    public bool FreeRun { get; init; }

    public int JointCount => DefaultPoseRad.Length;

    public static ControllerSettings FromRobot(RobotConfig robot, VelocityLimits? velocity = null)
    {
        ArgumentNullException.ThrowIfNull(robot);
        var joints = robot.Joints;
        return new ControllerSettings
        {
            PeriodNs = robot.LoopPeriodNs,
            Safety = new SafetyThresholds(
                robot.Safety.FallRollRad, robot.Safety.FallPitchRad, robot.Safety.MinBaseHeightM,
                MaxSensorAgeNs: 10 * robot.LoopPeriodNs, MaxConsecutiveBackendErrors: 10, robot.Safety.SoftStartS),
            DefaultPoseRad = [.. joints.Select(j => j.DefaultAngleRad)],
            LowerLimitRad = [.. joints.Select(j => j.LowerLimitRad)],
            UpperLimitRad = [.. joints.Select(j => j.UpperLimitRad)],
            TorqueLimitNm = [.. joints.Select(j => j.TorqueLimitNm)],
            StandKpNmPerRad = [.. joints.Select(j => j.StandGains.KpNmPerRad)],
            StandKdNmSPerRad = [.. joints.Select(j => j.StandGains.KdNmSPerRad)],
            DampingKdNmSPerRad = [.. joints.Select(j => j.StandGains.KdNmSPerRad)],
            Velocity = velocity ?? VelocityLimits.Default,
        };
    }
}
