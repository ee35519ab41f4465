using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Daemon.Bench;

/// <summary>
/// A benchmark policy that keeps the robot standing, written as a real ONNX file with the task's actor shape, so
/// the loop benchmark measures inference of the network training would deploy for its whole run (an untrained
/// network lets a torque-mode robot fall within seconds, and the fall fault ends Policy mode and inference).
/// Its weights hold the default pose with the robot's stand-up PD gains: the first layer lifts the joint position
/// and velocity observations by a constant into the linear part of ELU, the hidden layers pass them on, and the
/// output layer forms -Kp (q - q0) - Kd qd as normalized torques. The other hidden units carry random weights
/// that feed nothing: inference does the full matrix products of that shape whatever the values.
/// </summary>
public static class StandingPolicy
{
    // Normalized observations are clipped to +-ObservationClip; lifted by more, they stay in ELU's linear part.
    private const float ObservationClip = 5f;
    private const float Lift = 20f;

    public static string Write(RobotConfig robot, TaskConfig task, string path, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(robot);
        ArgumentNullException.ThrowIfNull(task);
        var contract = PolicyContracts.ForTask(robot, task, "standing-benchmark");
        if (contract.ActionMode != Core.Action.ActionMode.Torque)
            throw new InvalidDataException($"{task.SourcePath}: the standing benchmark policy needs action_mode torque, the task has " +
                $"{contract.ActionMode}");
        var layout = PolicyContracts.ParseLayout(contract);
        var joints = contract.ActionSize;
        var (positionOffset, positionScale) = Term(layout, ObservationTermKind.JointPositions, task);
        var (velocityOffset, velocityScale) = Term(layout, ObservationTermKind.JointVelocities, task);
        var hidden = task.Policy.ActorHiddenSizes;
        if (hidden.Any(width => width < 2 * joints))
            throw new InvalidDataException($"{task.SourcePath}: actor_hidden_sizes [{string.Join(", ", hidden)}]: the standing benchmark " +
                $"policy needs >= {2 * joints} units per layer");

        var random = new Random(seed);
        var layers = new List<DenseLayer>();
        var inputs = contract.ObservationSize;
        foreach (var outputs in hidden)
        {
            var weight = new float[outputs * inputs];
            var bias = new float[outputs];
            var first = layers.Count == 0;
            for (var o = 0; o < outputs; o++)
            {
                if (o < 2 * joints)
                {
                    // Channel o carries joint o's position (o < joints) or velocity observation, lifted by Lift.
                    var source = !first ? o : o < joints ? positionOffset + o : velocityOffset + o - joints;
                    weight[(o * inputs) + source] = 1f;
                    bias[o] = first ? Lift : 0f;
                    continue;
                }
                var scale = 1.0 / Math.Sqrt(inputs);
                for (var i = first ? 0 : 2 * joints; i < inputs; i++)
                    weight[(o * inputs) + i] = (float)(((random.NextDouble() * 2) - 1) * scale);
            }
            layers.Add(new DenseLayer(inputs, outputs, weight, bias));
            inputs = outputs;
        }

        var kp = robot.Joints.Select(j => j.StandGains.KpNmPerRad).ToArray();
        var kd = robot.Joints.Select(j => j.StandGains.KdNmSPerRad).ToArray();
        var outputWeight = new float[joints * inputs];
        var outputBias = new float[joints];
        for (var j = 0; j < joints; j++)
        {
            var torquePerAction = contract.ActionScale * contract.TorqueLimitNm[j];
            var positionGain = (float)(-kp[j] / positionScale / torquePerAction);
            var velocityGain = (float)(-kd[j] / velocityScale / torquePerAction);
            outputWeight[(j * inputs) + j] = positionGain;
            outputWeight[(j * inputs) + joints + j] = velocityGain;
            outputBias[j] = -Lift * (positionGain + velocityGain);
        }
        layers.Add(new DenseLayer(inputs, joints, outputWeight, outputBias));

        var weights = new MlpPolicyWeights(new float[contract.ObservationSize], [.. Enumerable.Repeat(1f, contract.ObservationSize)],
            ObservationClip, layers);
        File.WriteAllBytes(path, OnnxPolicyWriter.Write(weights, contract.ToMetadata(), "standing-benchmark"));
        return path;
    }

    private static (int Offset, double Scale) Term(ObservationLayout layout, ObservationTermKind kind, TaskConfig task)
    {
        var offset = 0;
        foreach (var term in layout.Terms)
        {
            if (term.Kind == kind) return (offset, term.Scale);
            offset += term.Size(layout.JointCount);
        }
        throw new InvalidDataException($"{task.SourcePath}: observation has no {kind} term; the standing benchmark policy needs joint " +
            "positions and velocities");
    }
}
