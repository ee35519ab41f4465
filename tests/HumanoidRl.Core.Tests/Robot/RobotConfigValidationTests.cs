using HumanoidRl.Core.Robot;

namespace HumanoidRl.Core.Tests.Robot;

public sealed class RobotConfigValidationTests : IDisposable
{
    private const string LeftKnee = "- name: left_knee";

    private readonly ConfigVariant _config = new();

    public void Dispose() => _config.Dispose();

    private RobotConfigException LoadFails() =>
        Assert.Throws<RobotConfigException>(() => RobotConfigLoader.Load(_config.Write()));

    /// <summary>Asserts one reported error starts with "file:line: field: problem".</summary>
    private string AssertReported(RobotConfigException error, int line, string field, string problem)
    {
        var prefix = $"{_config.Path}:{line}: {field}: {problem}";
        var match = error.Errors.FirstOrDefault(e => e.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(match is not null, $"no error starting with '{prefix}' among:\n{string.Join('\n', error.Errors)}");
        Assert.Contains(match, error.Message, StringComparison.Ordinal);
        return match;
    }

    [Fact]
    public void Negative_torque_limit_is_reported_with_file_line_field_expected_and_actual_value()
    {
        var line = _config.Replace(LeftKnee, "torque_limit_nm: 36.0", "torque_limit_nm: -2");

        var error = LoadFails();

        Assert.Equal(
            [$"{_config.Path}:{line}: joints[3].torque_limit_nm: must be > 0 (expected a positive number in N m, got -2)"],
            error.Errors);
    }

    [Fact]
    public void Missing_or_non_positive_torque_constant_is_reported_per_motor()
    {
        var line = _config.Replace("- model: PH54-200-S500", "torque_constant_nm_per_a: 4.81", "torque_constant_nm_per_a: 0");
        var missingLine = _config.Replace("- model: XM430-W350", "    torque_constant_nm_per_a: 1.78\n", "");

        var error = LoadFails();

        AssertReported(error, line, "motors[0].torque_constant_nm_per_a",
            "must be > 0 (expected output torque per motor current in N m/A, got 0)");
        Assert.Contains(error.Errors,
            e => e.Contains("motors[4].torque_constant_nm_per_a: missing required key", StringComparison.Ordinal));
        Assert.True(missingLine > line);
    }

    [Fact]
    public void Torque_limit_above_the_motor_stall_torque_is_reported()
    {
        var line = _config.Replace(LeftKnee, "torque_limit_nm: 36.0", "torque_limit_nm: 50");
        var message = AssertReported(LoadFails(), line, "joints[3].torque_limit_nm", "exceeds the motor's stall torque");
        Assert.Contains("at most 44.7 N m for PH54-200-S500, got 50", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Velocity_limit_above_the_motor_no_load_speed_is_reported()
    {
        var line = _config.Replace(LeftKnee, "velocity_limit_rad_per_s: 3.0", "velocity_limit_rad_per_s: 6.0");
        AssertReported(LoadFails(), line, "joints[3].velocity_limit_rad_per_s", "exceeds the motor's no-load speed");
    }

    [Fact]
    public void Unknown_key_in_a_joint_is_reported_at_its_line()
    {
        _config.Replace("- name: left_hip_yaw", "    mjcf_joint:", "    torque_limt_nm: 4.0\n    mjcf_joint:");
        var line = _config.LineOf(null, "torque_limt_nm");
        var message = AssertReported(LoadFails(), line, "joints[0].torque_limt_nm", "unknown key");
        Assert.Contains("torque_limit_nm", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_top_level_section_is_reported()
    {
        var line = _config.Replace("\nsafety:", "\nsafety:", "\nsafty: {}\nsafety:") + 1;
        AssertReported(LoadFails(), line, "safty", "unknown key");
    }

    [Fact]
    public void Missing_required_key_is_reported_at_the_line_of_its_mapping()
    {
        _config.Replace("- name: left_hip_pitch", "    velocity_limit_rad_per_s: 3.0\n", "");
        var line = _config.LineOf(null, "- name: left_hip_pitch");
        AssertReported(LoadFails(), line, "joints[2].velocity_limit_rad_per_s", "missing required key");
    }

    [Fact]
    public void Missing_section_is_reported()
    {
        _config.Replace(null, "safety:\n  fall_roll_rad: 0.8\n  fall_pitch_rad: 0.8\n  min_base_height_m: 0.35\n  soft_start_s: 0.1\n", "");
        var rootMappingLine = _config.LineOf(null, "\nrobot:") + 1;
        AssertReported(LoadFails(), rootMappingLine, "safety", "missing required key");
    }

    [Fact]
    public void Duplicate_joint_name_is_reported_at_the_second_joint()
    {
        var line = _config.Replace("- name: right_knee", "name: right_knee", "name: left_knee");
        var message = AssertReported(LoadFails(), line, "joints[9].name", "duplicate joint name");
        Assert.Contains("joints[3]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_angle_outside_the_position_limits_is_reported()
    {
        var line = _config.Replace(LeftKnee, "default_angle_rad: 0.5", "default_angle_rad: -0.1");
        var message = AssertReported(LoadFails(), line, "joints[3].default_angle_rad", "outside the position limits");
        Assert.EndsWith("(expected an angle in [0, 2.3] rad, got -0.1)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Position_limits_in_the_wrong_order_are_reported()
    {
        var line = _config.Replace(LeftKnee, "position_limits_rad: [0.0, 2.3]", "position_limits_rad: [2.3, 0.0]");
        AssertReported(LoadFails(), line, "joints[3].position_limits_rad", "lower limit is not below the upper limit");
    }

    [Fact]
    public void Text_where_a_number_belongs_is_reported_as_a_bad_type()
    {
        var line = _config.Replace(LeftKnee, "torque_limit_nm: 36.0", "torque_limit_nm: strong");
        var message = AssertReported(LoadFails(), line, "joints[3].torque_limit_nm", "must be a finite number");
        Assert.EndsWith("got strong)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_number_is_reported_as_a_bad_type()
    {
        var line = _config.Replace(LeftKnee, "torque_limit_nm: 36.0", "torque_limit_nm: \"36\"");
        AssertReported(LoadFails(), line, "joints[3].torque_limit_nm", "must be a finite number");
    }

    [Fact]
    public void Fractional_motor_id_is_reported_as_a_bad_type()
    {
        var line = _config.Replace(LeftKnee, "id: 4,", "id: 4.5,");
        AssertReported(LoadFails(), line, "joints[3].servo.id", "must be a whole number");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2000000")]
    public void Loop_period_that_is_not_positive_is_reported(string period)
    {
        var line = _config.Replace(null, "loop_period_ns: 2000000", $"loop_period_ns: {period}");
        AssertReported(LoadFails(), line, "robot.loop_period_ns", "must be > 0");
    }

    [Fact]
    public void Model_file_that_does_not_exist_is_reported_with_the_resolved_path()
    {
        var line = _config.Replace(null, $"model_file: {RepositoryFiles.ShippedModel}", "model_file: missing.xml");
        var message = AssertReported(LoadFails(), line, "robot.model_file", "file not found");
        Assert.Contains(Path.Combine(Path.GetDirectoryName(_config.Path)!, "missing.xml"), message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_motor_model_is_reported()
    {
        var line = _config.Replace(LeftKnee, "motor: PH54-200-S500", "motor: PH99-999");
        AssertReported(LoadFails(), line, "joints[3].motor", "unknown motor model");
    }

    [Fact]
    public void Servo_on_an_unknown_bus_is_reported()
    {
        var line = _config.Replace(LeftKnee, "bus: leg_left,", "bus: leg_middle,");
        var message = AssertReported(LoadFails(), line, "joints[3].servo.bus", "unknown bus");
        Assert.Contains("leg_left, leg_right, arms", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Motor_id_used_twice_on_one_bus_is_reported()
    {
        var line = _config.Replace(LeftKnee, "id: 4,", "id: 3,");
        var message = AssertReported(LoadFails(), line, "joints[3].servo.id", "ID already used on this bus");
        Assert.Contains("left_hip_pitch", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Motor_id_that_collides_with_the_imu_is_reported()
    {
        var line = _config.Replace(LeftKnee, "id: 4,", "id: 200,");
        var message = AssertReported(LoadFails(), line, "joints[3].servo.id", "ID already used on this bus");
        Assert.Contains("imu", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Servo_direction_other_than_plus_or_minus_one_is_reported()
    {
        var line = _config.Replace(LeftKnee, "direction: 1,", "direction: 0,");
        AssertReported(LoadFails(), line, "joints[3].servo.direction", "must be +1 or -1");
    }

    [Fact]
    public void Unsupported_baud_rate_is_reported()
    {
        var line = _config.Replace(null, "baud: 4000000", "baud: 4000001");
        AssertReported(LoadFails(), line, "buses[0].baud", "unsupported baud rate");
    }

    [Fact]
    public void Imu_axis_map_using_one_axis_twice_is_reported()
    {
        var line = _config.Replace(null, "axis_map: [+x, +y, +z]", "axis_map: [+x, -x, +z]");
        AssertReported(LoadFails(), line, "imu.axis_map[1]", "IMU axis used twice");
    }

    [Fact]
    public void Fall_threshold_out_of_range_is_reported()
    {
        var line = _config.Replace(null, "fall_pitch_rad: 0.8", "fall_pitch_rad: 4");
        AssertReported(LoadFails(), line, "safety.fall_pitch_rad", "out of range");
    }

    [Fact]
    public void Soft_start_longer_than_the_accepted_bound_is_reported()
    {
        var line = _config.Replace(null, "soft_start_s: 0.1", "soft_start_s: 2.5");
        AssertReported(LoadFails(), line, "safety.soft_start_s", "out of range");
    }

    [Fact]
    public void Missing_soft_start_is_reported_with_the_section()
    {
        var line = _config.LineOf(null, "fall_roll_rad: 0.8");
        _config.Replace(null, "  soft_start_s: 0.1\n", "");
        AssertReported(LoadFails(), line, "safety.soft_start_s", "missing required key");
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_in_one_exception()
    {
        var period = _config.Replace(null, "loop_period_ns: 2000000", "loop_period_ns: 0");
        var torque = _config.Replace(LeftKnee, "torque_limit_nm: 36.0", "torque_limit_nm: -2");
        var duplicate = _config.Replace("- name: right_knee", "name: right_knee", "name: left_knee");

        var error = LoadFails();

        Assert.Equal(3, error.Errors.Count);
        AssertReported(error, period, "robot.loop_period_ns", "must be > 0");
        AssertReported(error, torque, "joints[3].torque_limit_nm", "must be > 0");
        AssertReported(error, duplicate, "joints[9].name", "duplicate joint name");
        Assert.Contains("3 problems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_the_parsers_line()
    {
        var line = _config.Replace(LeftKnee, "torque_limit_nm: 36.0", "torque_limit_nm: 36.0: 5");
        AssertReported(LoadFails(), line, "yaml", "malformed YAML");
    }

    [Fact]
    public void Unclosed_flow_list_is_reported_at_its_line()
    {
        var line = _config.Replace(LeftKnee, "position_limits_rad: [0.0, 2.3]", "position_limits_rad: [0.0, 2.3");
        AssertReported(LoadFails(), line, "yaml", "malformed YAML");
    }

    [Fact]
    public void Duplicate_key_is_reported_at_the_second_occurrence()
    {
        var line = _config.Replace(LeftKnee, "    torque_limit_nm: 36.0\n", "    torque_limit_nm: 36.0\n    torque_limit_nm: 30.0\n") + 1;
        AssertReported(LoadFails(), line, "yaml", "malformed YAML: Duplicate key");
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        var path = Path.Combine(Path.GetDirectoryName(_config.Path)!, "empty.yaml");
        File.WriteAllText(path, "# nothing here\n");
        var error = Assert.Throws<RobotConfigException>(() => RobotConfigLoader.Load(path));
        Assert.StartsWith($"{path}:1: yaml: the file is empty", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Document_that_is_not_a_mapping_is_reported()
    {
        var path = Path.Combine(Path.GetDirectoryName(_config.Path)!, "list.yaml");
        File.WriteAllText(path, "- robot\n- joints\n");
        var error = Assert.Throws<RobotConfigException>(() => RobotConfigLoader.Load(path));
        Assert.StartsWith($"{path}:1: yaml: must be a mapping", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_config_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetDirectoryName(_config.Path)!, "absent.yaml");
        var error = Assert.Throws<FileNotFoundException>(() => RobotConfigLoader.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
