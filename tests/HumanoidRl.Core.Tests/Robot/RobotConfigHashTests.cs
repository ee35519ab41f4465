using HumanoidRl.Core.Robot;

namespace HumanoidRl.Core.Tests.Robot;

public sealed class RobotConfigHashTests : IDisposable
{
    private readonly ConfigVariant _config = new();

    public void Dispose() => _config.Dispose();

    private static string HashOf(string path) => RobotConfigHash.Compute(RobotConfigLoader.Load(path));

    private string VariantHash() => HashOf(_config.Write());

    [Fact]
    public void Hash_is_a_lower_case_sha256_hex_string()
    {
        Assert.Matches("^[0-9a-f]{64}$", HashOf(RepositoryFiles.ShippedConfig));
    }

    [Fact]
    public void Hash_does_not_change_with_comments_layout_or_number_spelling()
    {
        var original = VariantHash();
        _config.Replace(null, "robot:\n", "# an extra comment\nrobot:   # and one here\n");
        _config.Replace("- name: left_knee", "stand_gains: {kp_nm_per_rad: 150.0, kd_nm_s_per_rad: 3.0}",
            "stand_gains:\n      kd_nm_s_per_rad: 3   # keys swapped, block style\n      kp_nm_per_rad: 1.5e2");
        _config.Replace(null, "fall_roll_rad: 0.8", "fall_roll_rad:    0.80");

        Assert.Equal(original, VariantHash());
    }

    [Fact]
    public void Hash_changes_when_a_gain_changes()
    {
        var original = VariantHash();
        _config.Replace("- name: left_knee", "kp_nm_per_rad: 150.0", "kp_nm_per_rad: 151.0");
        Assert.NotEqual(original, VariantHash());
    }

    [Fact]
    public void Hash_changes_when_the_default_pose_changes()
    {
        var original = VariantHash();
        _config.Replace("- name: left_knee", "default_angle_rad: 0.5", "default_angle_rad: 0.6");
        Assert.NotEqual(original, VariantHash());
    }

    [Fact]
    public void Hash_ignores_wiring_so_recabling_keeps_policies_valid()
    {
        var original = VariantHash();
        _config.Replace(null, "port: /dev/ttyUSB0", "port: /dev/ttyACM0");
        _config.Replace("- name: left_knee", "zero_offset_rad: 0.0", "zero_offset_rad: 0.01");
        Assert.Equal(original, VariantHash());
    }

    [Fact]
    public void Hash_ignores_the_soft_start_so_tuning_the_hand_over_keeps_policies_loadable()
    {
        var original = VariantHash();
        _config.Replace(null, "soft_start_s: 0.1", "soft_start_s: 0.2");
        Assert.Equal(original, VariantHash());
    }

    [Fact]
    public void Canonical_text_lists_joints_in_policy_order()
    {
        var text = RobotConfigHash.CanonicalText(RobotConfigLoader.Load(RepositoryFiles.ShippedConfig));
        Assert.Contains("joint[0]=left_hip_yaw,left_hip_yaw,PH42-020-S300\n", text, StringComparison.Ordinal);
        Assert.Contains("joint[3].stand_gains=150,3\n", text, StringComparison.Ordinal);
    }
}
