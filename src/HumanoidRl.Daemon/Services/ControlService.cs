using Grpc.Core;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Lease;
using HumanoidRl.Daemon.Robot;
using HumanoidRl.Daemon.Security;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Services;

/// <summary>humanoid.v1.Control: validates requests and the lease, then hands them to the controller.</summary>
public sealed class ControlService(DaemonRobot robot, OperatorLease lease, DaemonConfig config) : V1.Control.ControlBase
{
    public override Task<V1.AcquireLeaseResponse> AcquireLease(V1.AcquireLeaseRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = Caller.Of(context);
        var leaseId = Refusable(() => lease.Acquire(caller, request.ClientName.Trim()));
        return Task.FromResult(new V1.AcquireLeaseResponse
        {
            LeaseId = leaseId,
            Holder = lease.Holder ?? "",
            LeaseWindowMs = config.LeaseWindowMs,
        });
    }

    public override Task<V1.HeartbeatResponse> Heartbeat(V1.HeartbeatRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Refusable(() => lease.Heartbeat(request.LeaseId));
        return Task.FromResult(new V1.HeartbeatResponse { LeaseWindowMs = config.LeaseWindowMs });
    }

    public override Task<V1.ReleaseLeaseResponse> ReleaseLease(V1.ReleaseLeaseRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Refusable(() => lease.Release(request.LeaseId));
        return Task.FromResult(new V1.ReleaseLeaseResponse());
    }

    public override Task<V1.SetModeResponse> SetMode(V1.SetModeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = ModeNames.FromProto(request.Mode)
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"mode: {request.Mode} is not a mode to request (expected MODE_PASSIVE, MODE_DAMPING, MODE_STAND_UP, " +
                "MODE_POLICY or MODE_ESTOP)"));
        var outcome = Refusable(() => lease.AsHolder(request.LeaseId, () => robot.Controller.RequestMode(target)));
        if (outcome.Reason is { } refusal)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"cannot enter {target}: {refusal}"));
        // The controller answers once the loop has entered the mode, so the next request is judged against it.
        return Task.FromResult(new V1.SetModeResponse { Mode = ModeNames.ToProto(target) });
    }

    public override Task<V1.SetVelocityCommandResponse> SetVelocityCommand(V1.SetVelocityCommandRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = request.Command ?? throw new RpcException(
            new Status(StatusCode.InvalidArgument, "command: missing (expected vx_m_per_s, vy_m_per_s, yaw_rate_rad_per_s)"));
        RequireFinite(command.VxMPerS, "command.vx_m_per_s");
        RequireFinite(command.VyMPerS, "command.vy_m_per_s");
        RequireFinite(command.YawRateRadPerS, "command.yaw_rate_rad_per_s");
        // The controller clamps to the configured ranges and answers with what it will use.
        var (vx, vy, yawRate) = Refusable(() => lease.AsHolder(request.LeaseId,
            () => robot.Controller.SetVelocityCommand(command.VxMPerS, command.VyMPerS, command.YawRateRadPerS)));
        var applied = new V1.VelocityCommand { VxMPerS = vx, VyMPerS = vy, YawRateRadPerS = yawRate };
        return Task.FromResult(new V1.SetVelocityCommandResponse { Applied = applied, Clamped = !applied.Equals(command) });
    }

    public override Task<V1.EStopResponse> EStop(V1.EStopRequest request, ServerCallContext context)
    {
        if (robot.Controller.EStop().Reason is { } failure)
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"e-stop not confirmed: {failure}; torque state unknown, cut motor power"));
        return Task.FromResult(new V1.EStopResponse());
    }

    public override Task<V1.ClearFaultResponse> ClearFault(V1.ClearFaultRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = Refusable(() => lease.AsHolder(request.LeaseId, robot.Controller.ClearFault));
        if (outcome.Reason is { } failure) throw new RpcException(new Status(StatusCode.Unavailable, $"cannot clear the fault: {failure}"));
        return Task.FromResult(new V1.ClearFaultResponse());
    }

    private static void RequireFinite(double value, string field)
    {
        if (!double.IsFinite(value))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: {value} is not a finite number"));
    }

    private static T Refusable<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (LeaseRefusedException refused)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, refused.Message));
        }
    }

    private static void Refusable(Action action) => Refusable(() =>
    {
        action();
        return 0;
    });
}
