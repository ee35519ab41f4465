using Grpc.Core;
using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Hosting;
using HumanoidRl.Daemon.Tests.Robot;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Services;

public sealed class PolicyServiceTests
{
    [Fact]
    public async Task GetPolicyInfo_is_not_found_before_a_policy_is_loaded_and_describes_it_after()
    {
        await using var daemon = await RunningDaemon.StartAsync();
        var admin = new DaemonClient(daemon.Channel(DaemonConfigText.AdminToken));

        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await admin.Policy.GetPolicyInfoAsync(new V1.GetPolicyInfoRequest()));
        var path = TestPolicies.Write(daemon.FolderPath);
        await admin.Policy.LoadPolicyAsync(new V1.LoadPolicyRequest { Path = path });
        var info = await admin.Policy.GetPolicyInfoAsync(new V1.GetPolicyInfoRequest());

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(path, info.Path);
        Assert.Equal("humanoid16", info.Robot);
        Assert.Equal("daemon-test", info.TrainingRun);
        Assert.Equal(TestPolicies.Robot.Joints.Select(j => j.Name), info.JointNames);
        Assert.Equal(2_000_000, info.LoopPeriodNs);
    }

    [Fact]
    public async Task A_policy_whose_contract_does_not_match_the_robot_is_invalid_argument_naming_the_field()
    {
        await using var daemon = await RunningDaemon.StartAsync();
        var admin = new DaemonClient(daemon.Channel(DaemonConfigText.AdminToken));
        var path = TestPolicies.Write(daemon.FolderPath, "mismatch.onnx", contract => contract with { LoopPeriodNs = 4_000_000 });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await admin.Policy.LoadPolicyAsync(new V1.LoadPolicyRequest { Path = path }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("policy contract does not match the robot config", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("loop_period_ns", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Null(daemon.Robot.Controller.Policy);
    }

    [Fact]
    public async Task A_missing_file_or_relative_path_is_invalid_argument()
    {
        await using var daemon = await RunningDaemon.StartAsync();
        var admin = new DaemonClient(daemon.Channel(DaemonConfigText.AdminToken));

        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await admin.Policy.LoadPolicyAsync(new V1.LoadPolicyRequest { Path = Path.Combine(daemon.FolderPath, "none.onnx") }));
        var relative = await Assert.ThrowsAsync<RpcException>(async () =>
            await admin.Policy.LoadPolicyAsync(new V1.LoadPolicyRequest { Path = "policy.onnx" }));

        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.Contains("policy file not found", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, relative.StatusCode);
        Assert.Contains("not an absolute path", relative.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadPolicy_in_policy_mode_is_failed_precondition()
    {
        await using var daemon = await RunningDaemon.StartAsync(leaseWindowMs: 60_000, simSpeed: "realtime");
        var admin = new DaemonClient(daemon.Channel(DaemonConfigText.AdminToken));
        var lease = await admin.Control.AcquireLeaseAsync(new V1.AcquireLeaseRequest());
        var path = TestPolicies.Write(daemon.FolderPath);
        await admin.Policy.LoadPolicyAsync(new V1.LoadPolicyRequest { Path = path });
        await admin.StandUpAsync(lease.LeaseId, thenPolicy: true);
        await admin.WaitForStatusAsync(s => s.Mode == V1.Mode.Policy || s.Fault.Length > 0, "Policy mode");
        Assert.Equal(Control.Modes.ControlMode.Policy, daemon.Robot.Controller.Mode);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await admin.Policy.LoadPolicyAsync(new V1.LoadPolicyRequest { Path = path }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("current mode is Policy", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_may_not_load_a_policy()
    {
        await using var daemon = await RunningDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Policy.PolicyClient(daemon.Channel(DaemonConfigText.OperatorToken))
                .LoadPolicyAsync(new V1.LoadPolicyRequest { Path = "/x.onnx" }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}
