using HumanoidRl.Core.Action;
using HumanoidRl.Core.Policy;

namespace HumanoidRl.Core.Tests.Policy;

public sealed class PolicyContractTests
{
    private static PolicyContract Robot() => SampleContract.Create();

    [Fact]
    public void Metadata_round_trip_preserves_every_field()
    {
        var contract = Robot() with { TrainingRun = "runs/x", Task = "balance", ActionMode = ActionMode.PdTarget, ActionScale = 0.25 };

        var parsed = PolicyContract.FromMetadata(contract.ToMetadata(), "test.onnx");

        Assert.Equal(contract.ToMetadata(), parsed.ToMetadata());
        Assert.Equal(125.0, parsed.PolicyRateHz, precision: 9);
    }

    [Fact]
    public void Swapped_joint_order_is_a_mismatch_naming_both_orders()
    {
        var policy = Robot() with { JointNames = ["left_knee", "left_hip", "right_hip"] };

        var mismatch = Assert.Single(policy.MismatchesAgainst(Robot()));

        Assert.Equal("joint_names: policy has left_knee,left_hip,right_hip, robot config has left_hip,left_knee,right_hip", mismatch);
    }

    [Fact]
    public void Different_torque_limits_loop_period_and_config_hash_are_each_named()
    {
        var policy = Robot() with { TorqueLimitNm = [30, 25, 30], LoopPeriodNs = 1_000_000, RobotConfigHash = "hash-b" };

        var mismatches = policy.MismatchesAgainst(Robot());

        Assert.Contains(mismatches, m => m.StartsWith("torque_limits_nm: policy has 30,25,30", StringComparison.Ordinal));
        Assert.Contains(mismatches,
            m => m.StartsWith("loop_period_ns: policy has 1000000, robot config has 2000000", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.StartsWith("robot_config_hash: policy has hash-b", StringComparison.Ordinal));
    }

    [Fact]
    public void Gains_matter_only_for_pd_policies()
    {
        var torquePolicy = Robot() with { KpNmPerRad = [1, 1, 1] };
        var pdPolicy = torquePolicy with { ActionMode = ActionMode.PdTarget };

        Assert.Empty(torquePolicy.MismatchesAgainst(Robot()));
        Assert.Contains(pdPolicy.MismatchesAgainst(Robot()), m => m.StartsWith("kp_nm_per_rad:", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_metadata_names_the_source_and_the_key()
    {
        var metadata = new Dictionary<string, string>(Robot().ToMetadata()) { ["decimation"] = "four" };
        metadata.Remove("robot");

        var error = Assert.Throws<InvalidDataException>(() => PolicyContract.FromMetadata(metadata, "models/x.onnx"));

        Assert.StartsWith("models/x.onnx:", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing metadata 'robot'", error.Message, StringComparison.Ordinal);
        Assert.Contains("metadata 'decimation' = 'four' is malformed", error.Message, StringComparison.Ordinal);
    }
}
