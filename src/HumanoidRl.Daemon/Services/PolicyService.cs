using Grpc.Core;
using HumanoidRl.Core.Policy;
using HumanoidRl.Daemon.Robot;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Services;

/// <summary>humanoid.v1.Policy: what the controller runs, and loading another ONNX policy outside Policy mode.</summary>
public sealed class PolicyService(DaemonRobot robot) : V1.Policy.PolicyBase
{
    public override Task<V1.PolicyInfo> GetPolicyInfo(V1.GetPolicyInfoRequest request, ServerCallContext context)
    {
        var controller = robot.Controller;
        var contract = controller.Policy ?? throw new RpcException(
            new Status(StatusCode.NotFound, "no policy is loaded (load one with Policy/LoadPolicy or the daemon config's policy key)"));
        return Task.FromResult(Info(controller.PolicyPath ?? "", contract));
    }

    public override Task<V1.PolicyInfo> LoadPolicy(V1.LoadPolicyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Path.IsPathFullyQualified(request.Path))
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"path: '{request.Path}' is not an absolute path on the robot computer (expected e.g. " +
                "/opt/humanoid-rl/models/policy.onnx)"));
        try
        {
            var contract = robot.Controller.LoadPolicy(request.Path);
            return Task.FromResult(Info(request.Path, contract));
        }
        catch (Exception error) when (error is InvalidDataException or FileNotFoundException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, error.Message));
        }
        catch (InvalidOperationException refused)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, refused.Message));
        }
    }

    private static V1.PolicyInfo Info(string path, PolicyContract contract)
    {
        var info = new V1.PolicyInfo
        {
            Path = path,
            Robot = contract.Robot,
            ObservationLayout = contract.ObservationLayout,
            ObservationSize = contract.ObservationSize,
            ActionSize = contract.ActionSize,
            ActionMode = PolicyContract.ActionModeName(contract.ActionMode),
            ActionScale = contract.ActionScale,
            PolicyRateHz = contract.PolicyRateHz,
            LoopPeriodNs = contract.LoopPeriodNs,
            Decimation = contract.Decimation,
            RobotConfigHash = contract.RobotConfigHash,
            TrainingRun = contract.TrainingRun,
            Task = contract.Task,
        };
        info.JointNames.Add(contract.JointNames);
        return info;
    }
}
