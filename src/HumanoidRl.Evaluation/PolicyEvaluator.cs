using HumanoidRl.Control.Policy;
using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Evaluation;

/// <summary>
/// Runs an exported policy through ONNX Runtime with the daemon's inference code in the randomized simulator:
/// one episode per environment, all in parallel, and measures survival, attitude and tracking (of the
/// instantaneous base velocity, of the velocity averaged over one gait period, and from a settling time after each
/// command change on).
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>Time a command is given before its tracking counts in the settled figures.</summary>
    public const double SettleS = 1.0;

    /// <summary>
    /// The task with its gait clock at the policy's period. The daemon runs the clock at the period in the policy's
    /// contract, whatever a task file says; evaluating at another would test a gait the policy never learned.
    /// </summary>
    public static TaskConfig WithPolicyClock(TaskConfig task, PolicyContract contract)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(contract);
        return task.Environment.PhasePeriodS == contract.PhasePeriodS
            ? task
            : task with { Environment = task.Environment with { PhasePeriodS = contract.PhasePeriodS } };
    }

    public static EvaluationResult Evaluate(OnnxPolicy policy, TaskConfig task, RobotConfig robot, int episodes, int seed, int threads)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(robot);
        var mismatches = policy.Contract.MismatchesAgainst(PolicyContracts.ForRobot(robot));
        if (mismatches.Count > 0)
            throw new InvalidDataException($"{policy.Path}: does not fit {robot.SourcePath}: {string.Join("; ", mismatches)}");
        var expectedLayout = task.Environment.Layout(robot.JointCount).Describe();
        if (policy.Contract.ObservationLayout != expectedLayout)
            throw new InvalidDataException(
                $"{policy.Path}: observation_layout is {policy.Contract.ObservationLayout}, but task {task.SourcePath} " +
                $"builds {expectedLayout}");
        task = WithPolicyClock(task, policy.Contract);
        if (policy.Contract.ActionMode != task.Environment.ActionMode || policy.Contract.Decimation != task.Environment.Decimation)
            throw new InvalidDataException(
                $"{policy.Path}: action mode {policy.Contract.ActionMode} at decimation {policy.Contract.Decimation}, task " +
                $"{task.SourcePath} uses {task.Environment.ActionMode} at {task.Environment.Decimation}");

        using var humanoid = new HumanoidTask(task, robot);
        using var environments = new HumanoidVectorEnvironment(humanoid, episodes, threads);
        environments.Reset(seed);
        var observationSize = environments.ObservationSize;
        var actionSize = environments.ActionSize;
        var actions = new float[episodes * actionSize];
        var finished = new bool[episodes];
        var steps = new int[episodes];
        var survived = 0;
        double totalEpisodeS = 0, rollSquares = 0, pitchSquares = 0, forwardSquares = 0, lateralSquares = 0, yawSquares = 0;
        long samples = 0, actionValues = 0, clampedActionValues = 0;
        var strideTracking = new StrideAveragedTracking(episodes, task.Environment.PhasePeriodS, humanoid.PolicyDtS);
        var settledTracking = new SettledTracking(episodes, SettleS, humanoid.PolicyDtS);
        var remaining = episodes;
        while (remaining > 0)
        {
            for (var i = 0; i < episodes; i++)
            {
                var action = actions.AsSpan(i * actionSize, actionSize);
                if (finished[i]) action.Clear();
                else
                {
                    policy.Run(environments.Observations.Slice(i * observationSize, observationSize), action);
                    foreach (var value in action) if (value is > 1f or < -1f) clampedActionValues++;
                    actionValues += actionSize;
                }
            }
            environments.Step(actions);
            for (var i = 0; i < episodes; i++)
            {
                if (finished[i]) continue;
                if (environments.Terminated[i] == 1 || environments.Truncated[i] == 1)
                {
                    finished[i] = true;
                    remaining--;
                    if (environments.Truncated[i] == 1) survived++;
                    totalEpisodeS += (steps[i] + 1) * humanoid.PolicyDtS;
                    continue;
                }
                var environment = environments[i];
                var state = environment.State();
                var command = environment.Command;
                rollSquares += state.RollRad * state.RollRad;
                pitchSquares += state.PitchRad * state.PitchRad;
                forwardSquares += Square(command[0] - state.ForwardMPerS);
                lateralSquares += Square(command[1] - state.LateralMPerS);
                yawSquares += Square(command[2] - state.YawRateRadPerS);
                strideTracking.Add(i, command, state.ForwardMPerS, state.LateralMPerS, state.YawRateRadPerS);
                settledTracking.Add(i, command, state.ForwardMPerS, state.LateralMPerS, state.YawRateRadPerS);
                samples++;
                steps[i]++;
            }
        }
        double Rms(double sum) => samples == 0 ? 0 : Math.Sqrt(sum / samples);
        return new EvaluationResult(episodes, survived / (double)episodes,
            Rms(rollSquares) * 180 / Math.PI, Rms(pitchSquares) * 180 / Math.PI, totalEpisodeS / episodes,
            Rms(forwardSquares + lateralSquares), Rms(forwardSquares), Rms(lateralSquares), Rms(yawSquares),
            strideTracking.LinearVelocityErrorRms, strideTracking.YawRateErrorRms,
            settledTracking.LinearVelocityErrorRms, settledTracking.ForwardVelocityErrorRms, settledTracking.LateralVelocityErrorRms,
            settledTracking.YawRateErrorRms, settledTracking.SettledFraction,
            actionValues == 0 ? 0 : clampedActionValues / (double)actionValues);
    }

    private static double Square(double x) => x * x;
}
