using System.Globalization;
using HumanoidRl.Core.Action;

namespace HumanoidRl.Core.Policy;

/// <summary>
/// What a policy assumes about the robot and the loop, written into the exported ONNX file's
/// metadata_props and checked by the daemon before it runs the policy. The class of bug it prevents: joint
/// order, action scale, gains, default pose or rates drifting apart between training and deployment.
/// </summary>
public sealed record PolicyContract
{
    public const string CurrentVersion = "1";

    public required string Robot { get; init; }
    public required IReadOnlyList<string> JointNames { get; init; }
    public required string ObservationLayout { get; init; }
    public required int ObservationSize { get; init; }
    public required int ActionSize { get; init; }
    public required ActionMode ActionMode { get; init; }
    public required double ActionScale { get; init; }
    public required IReadOnlyList<double> TorqueLimitNm { get; init; }
    public required IReadOnlyList<double> DefaultPoseRad { get; init; }
    public required IReadOnlyList<double> KpNmPerRad { get; init; }
    public required IReadOnlyList<double> KdNmSPerRad { get; init; }
    public required long LoopPeriodNs { get; init; }
    public required int Decimation { get; init; }
    public required string RobotConfigHash { get; init; }
    /// <summary>Gait clock period of the phase_clock observation term.</summary>
    public double PhasePeriodS { get; init; } = 0.8;
    public string TrainingRun { get; init; } = "";
    public string Task { get; init; } = "";

    public double PolicyRateHz => 1e9 / (LoopPeriodNs * (double)Decimation);

    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>
    {
        ["contract_version"] = CurrentVersion,
        ["robot"] = Robot,
        ["joint_names"] = string.Join(",", JointNames),
        ["observation_layout"] = ObservationLayout,
        ["observation_size"] = Invariant(ObservationSize),
        ["action_size"] = Invariant(ActionSize),
        ["action_mode"] = ActionModeName(ActionMode),
        ["action_scale"] = Invariant(ActionScale),
        ["torque_limits_nm"] = List(TorqueLimitNm),
        ["default_pose_rad"] = List(DefaultPoseRad),
        ["kp_nm_per_rad"] = List(KpNmPerRad),
        ["kd_nm_s_per_rad"] = List(KdNmSPerRad),
        ["loop_period_ns"] = Invariant(LoopPeriodNs),
        ["decimation"] = Invariant(Decimation),
        ["policy_rate_hz"] = Invariant(PolicyRateHz),
        ["robot_config_hash"] = RobotConfigHash,
        ["phase_period_s"] = Invariant(PhasePeriodS),
        ["training_run"] = TrainingRun,
        ["task"] = Task,
    };

    /// <summary>Reads a contract back; every missing or malformed key is named together with the source.</summary>
    public static PolicyContract FromMetadata(IReadOnlyDictionary<string, string> metadata, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var problems = new List<string>();
        string Get(string key)
        {
            if (metadata.TryGetValue(key, out var value)) return value;
            problems.Add($"missing metadata '{key}'");
            return "";
        }
        T Parse<T>(string key, Func<string, T> parse, T fallback)
        {
            var text = Get(key);
            if (text.Length == 0) return fallback;
            try
            {
                return parse(text);
            }
            catch (FormatException)
            {
                problems.Add($"metadata '{key}' = '{text}' is malformed");
                return fallback;
            }
        }

        var version = Get("contract_version");
        if (version.Length > 0 && version != CurrentVersion)
            problems.Add($"contract_version is {version}, this build reads version {CurrentVersion}");
        var contract = new PolicyContract
        {
            Robot = Get("robot"),
            JointNames = Get("joint_names").Split(',', StringSplitOptions.RemoveEmptyEntries),
            ObservationLayout = Get("observation_layout"),
            ObservationSize = Parse("observation_size", ParseInt, 0),
            ActionSize = Parse("action_size", ParseInt, 0),
            ActionMode = Parse("action_mode", ParseActionMode, ActionMode.Torque),
            ActionScale = Parse("action_scale", ParseDouble, 0),
            TorqueLimitNm = Parse("torque_limits_nm", ParseList, []),
            DefaultPoseRad = Parse("default_pose_rad", ParseList, []),
            KpNmPerRad = Parse("kp_nm_per_rad", ParseList, []),
            KdNmSPerRad = Parse("kd_nm_s_per_rad", ParseList, []),
            LoopPeriodNs = Parse("loop_period_ns", t => long.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture), 0L),
            Decimation = Parse("decimation", ParseInt, 0),
            RobotConfigHash = Get("robot_config_hash"),
            PhasePeriodS = metadata.ContainsKey("phase_period_s") ? Parse("phase_period_s", ParseDouble, 0.8) : 0.8,
            TrainingRun = metadata.GetValueOrDefault("training_run", ""),
            Task = metadata.GetValueOrDefault("task", ""),
        };
        if (problems.Count > 0)
            throw new InvalidDataException($"{source}: not a HumanoidRl policy or an incompatible one: {string.Join("; ", problems)}");
        return contract;
    }

    /// <summary>
    /// Differences that make this policy unsafe to run with the robot described by <paramref name="robot"/>,
    /// each naming the field and both values. Empty when compatible. Task-side fields (observation layout,
    /// action mode and scale, decimation) come from the policy and are not compared.
    /// </summary>
    public IReadOnlyList<string> MismatchesAgainst(PolicyContract robot)
    {
        ArgumentNullException.ThrowIfNull(robot);
        var mismatches = new List<string>();
        void Compare(string field, string policyValue, string robotValue)
        {
            if (policyValue != robotValue) mismatches.Add($"{field}: policy has {policyValue}, robot config has {robotValue}");
        }
        Compare("robot", Robot, robot.Robot);
        Compare("joint_names", string.Join(",", JointNames), string.Join(",", robot.JointNames));
        Compare("torque_limits_nm", List(TorqueLimitNm), List(robot.TorqueLimitNm));
        Compare("default_pose_rad", List(DefaultPoseRad), List(robot.DefaultPoseRad));
        if (ActionMode == ActionMode.PdTarget)
        {
            Compare("kp_nm_per_rad", List(KpNmPerRad), List(robot.KpNmPerRad));
            Compare("kd_nm_s_per_rad", List(KdNmSPerRad), List(robot.KdNmSPerRad));
        }
        Compare("loop_period_ns", Invariant(LoopPeriodNs), Invariant(robot.LoopPeriodNs));
        Compare("action_size", Invariant(ActionSize), Invariant(robot.JointNames.Count));
        Compare("robot_config_hash", RobotConfigHash, robot.RobotConfigHash);
        return mismatches;
    }

    public static string ActionModeName(ActionMode mode) => mode switch
    {
        ActionMode.Torque => "torque",
        ActionMode.PdTarget => "pd_target",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown action mode"),
    };

    public static ActionMode ParseActionMode(string name) => name switch
    {
        "torque" => ActionMode.Torque,
        "pd_target" => ActionMode.PdTarget,
        _ => throw new FormatException($"unknown action mode '{name}' (expected torque or pd_target)"),
    };

    private static int ParseInt(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double ParseDouble(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double[] ParseList(string text) => [.. text.Split(',').Select(ParseDouble)];

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string List(IEnumerable<double> values) =>
        string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
