using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Core.Policy;

/// <summary>Builds contracts from configs, so the exporter and the daemon derive them the same way.</summary>
public static class PolicyContracts
{
    /// <summary>
    /// What the robot config says; task-side fields (observation layout, action mode and scale, decimation)
    /// are left neutral because the policy defines them and <see cref="PolicyContract.MismatchesAgainst"/> ignores them.
    /// </summary>
    public static PolicyContract ForRobot(RobotConfig robot)
    {
        ArgumentNullException.ThrowIfNull(robot);
        return new PolicyContract
        {
            Robot = robot.Name,
            JointNames = [.. robot.Joints.Select(j => j.Name)],
            ObservationLayout = "",
            ObservationSize = 0,
            ActionSize = robot.JointCount,
            ActionMode = Action.ActionMode.Torque,
            ActionScale = 1,
            TorqueLimitNm = [.. robot.Joints.Select(j => j.TorqueLimitNm)],
            DefaultPoseRad = [.. robot.Joints.Select(j => j.DefaultAngleRad)],
            KpNmPerRad = [.. robot.Joints.Select(j => j.ActionGains.KpNmPerRad)],
            KdNmSPerRad = [.. robot.Joints.Select(j => j.ActionGains.KdNmSPerRad)],
            LoopPeriodNs = robot.LoopPeriodNs,
            Decimation = 1,
            RobotConfigHash = RobotConfigHash.Compute(robot),
        };
    }

    /// <summary>The full contract of a policy trained on the task for the robot.</summary>
    public static PolicyContract ForTask(RobotConfig robot, TaskConfig task, string trainingRun)
    {
        ArgumentNullException.ThrowIfNull(task);
        var layout = task.Environment.Layout(robot.JointCount);
        return ForRobot(robot) with
        {
            ObservationLayout = layout.Describe(),
            ObservationSize = layout.Size,
            ActionMode = task.Environment.ActionMode,
            ActionScale = task.Environment.ActionScale,
            Decimation = task.Environment.Decimation,
            PhasePeriodS = task.Environment.PhasePeriodS,
            TrainingRun = trainingRun,
            Task = task.Name,
        };
    }

    /// <summary>Rebuilds the observation layout a contract describes (the daemon builds observations from it).</summary>
    public static ObservationLayout ParseLayout(PolicyContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var text = contract.ObservationLayout;
        var bar = text.LastIndexOf("|history:", StringComparison.Ordinal);
        if (bar < 0) throw new FormatException($"observation_layout '{text}' lacks the |history:N suffix");
        var history = int.Parse(text[(bar + "|history:".Length)..], System.Globalization.CultureInfo.InvariantCulture);
        var terms = new List<ObservationTerm>();
        foreach (var entry in text[..bar].Split(';'))
        {
            var fields = entry.Split(':');
            if (fields.Length != 4) throw new FormatException($"observation_layout entry '{entry}' is not name:size:scale:clip");
            var kind = ObservationTerm.ParseKind(fields[0]);
            var scale = double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
            var clip = double.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture);
            terms.Add(new ObservationTerm(kind, scale, clip));
        }
        var layout = new ObservationLayout(terms, contract.ActionSize, history);
        if (layout.Size != contract.ObservationSize)
            throw new FormatException($"observation_layout describes {layout.Size} values but observation_size is " +
                $"{contract.ObservationSize}");
        return layout;
    }
}
