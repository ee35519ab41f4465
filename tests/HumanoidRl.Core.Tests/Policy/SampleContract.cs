using HumanoidRl.Core.Action;
using HumanoidRl.Core.Policy;

namespace HumanoidRl.Core.Tests.Policy;

/// <summary>A small valid contract (three joints, one gyro term) that tests vary with <c>with</c>.</summary>
internal static class SampleContract
{
    public static PolicyContract Create() => new()
    {
        Robot = "humanoid16",
        JointNames = ["left_hip", "left_knee", "right_hip"],
        ObservationLayout = "gyro:3:0.25:100|history:1",
        ObservationSize = 3,
        ActionSize = 3,
        ActionMode = ActionMode.Torque,
        ActionScale = 1,
        TorqueLimitNm = [30, 30, 30],
        DefaultPoseRad = [0.1, 0.2, 0.1],
        KpNmPerRad = [80, 80, 80],
        KdNmSPerRad = [2, 2, 2],
        LoopPeriodNs = 2_000_000,
        Decimation = 4,
        RobotConfigHash = "hash-a",
    };
}
