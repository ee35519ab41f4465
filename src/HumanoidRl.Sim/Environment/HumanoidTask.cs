using HumanoidRl.Core.Action;
using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Reward;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Randomization;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Environment;

/// <summary>
/// Everything environments of one task share, read-only: the nominal model, its binding to the robot config,
/// the action mapping, the reward and the observation layout. Each environment copies the model.
/// </summary>
public sealed class HumanoidTask : IDisposable
{
    /// <summary>Privileged critic extras besides the clean actor observation and per-joint motor strengths.</summary>
    private const int PrivilegedFixedSize = 9;

    public HumanoidTask(TaskConfig task, RobotConfig robot)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(robot);
        Task = task;
        Robot = robot;
        NominalModel = MjModel.LoadXml(robot.ModelPath);
        try
        {
            if (Math.Abs(NominalModel.TimestepS - robot.LoopPeriodS) > 1e-12)
                throw new InvalidDataException(
                    $"{robot.SourcePath}: loop_period_ns {robot.LoopPeriodNs} does not match the model timestep {NominalModel.TimestepS} " +
                    $"s in {robot.ModelPath}");
            Binding = HumanoidBinding.Resolve(robot, NominalModel);
            Nominal = new NominalParameters(NominalModel);
            Randomizer = new DomainRandomizer(task.Randomization, Binding, Nominal);
            var joints = robot.Joints;
            DefaultPoseRad = [.. joints.Select(j => j.DefaultAngleRad)];
            TorqueLimitNm = [.. joints.Select(j => j.TorqueLimitNm)];
            LowerLimitRad = [.. joints.Select(j => j.LowerLimitRad)];
            UpperLimitRad = [.. joints.Select(j => j.UpperLimitRad)];
            StandKpNmPerRad = [.. joints.Select(j => j.StandGains.KpNmPerRad)];
            StandKdNmSPerRad = [.. joints.Select(j => j.StandGains.KdNmSPerRad)];
            ActionMapping = new ActionMapping(task.Environment.ActionMode, task.Environment.ActionScale, TorqueLimitNm, DefaultPoseRad,
                [.. joints.Select(j => j.ActionGains.KpNmPerRad)], [.. joints.Select(j => j.ActionGains.KdNmSPerRad)]);
            Layout = task.Environment.Layout(robot.JointCount);
            PolicyDtS = task.Environment.PolicyDtS(robot.LoopPeriodS);
            Rewards = new RewardCalculator(task.Rewards, PolicyDtS, LowerLimitRad, UpperLimitRad);
            FootCount = robot.Base.FootTouchSensors.Length;
            if (task.Rewards.UsesFootContacts) Contacts = GroundContacts.Resolve(NominalModel, task.Rewards.FootBodies, task.SourcePath);
            CriticObservationSize = Layout.Size + PrivilegedFixedSize + robot.JointCount + FootCount;
            EpisodeSteps = task.Environment.EpisodePolicySteps(robot.LoopPeriodS);
        }
        catch
        {
            NominalModel.Dispose();
            throw;
        }
    }

    public TaskConfig Task { get; }

    public RobotConfig Robot { get; }

    public MjModel NominalModel { get; }

    public HumanoidBinding Binding { get; }

    public NominalParameters Nominal { get; }

    public DomainRandomizer Randomizer { get; }

    public ActionMapping ActionMapping { get; }

    public RewardCalculator Rewards { get; }

    public ObservationLayout Layout { get; }

    /// <summary>Foot and collision contact sorting; null when no reward term needs it (foot_slip and collision unweighted).</summary>
    public GroundContacts? Contacts { get; }

    public double[] DefaultPoseRad { get; }

    public double[] TorqueLimitNm { get; }

    public double[] LowerLimitRad { get; }

    public double[] UpperLimitRad { get; }

    /// <summary>Gains that hold the default pose, as the daemon's stand-up and soft start use them.</summary>
    public double[] StandKpNmPerRad { get; }

    public double[] StandKdNmSPerRad { get; }

    public double PolicyDtS { get; }

    public int Decimation => Task.Environment.Decimation;

    public int JointCount => Robot.JointCount;

    public int FootCount { get; }

    public int CriticObservationSize { get; }

    /// <summary>The critic observation's forward, lateral and vertical base velocity come first after the actor's terms.</summary>
    public int CriticBaseVelocityIndex => Layout.Size;

    /// <summary>Policy steps after which an episode is truncated (time limit).</summary>
    public int EpisodeSteps { get; }

    public void Dispose() => NominalModel.Dispose();
}
