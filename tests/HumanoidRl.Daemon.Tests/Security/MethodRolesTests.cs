using HumanoidRl.Daemon.Security;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Security;

public sealed class MethodRolesTests
{
    [Fact]
    public void Required_declares_a_role_for_every_method_of_every_humanoid_service()
    {
        var services = new[] { V1.Control.Descriptor, V1.Telemetry.Descriptor, V1.Policy.Descriptor };
        var methods = services.SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}")).ToList();

        Assert.Equal(12, methods.Count);
        Assert.All(methods, method => Assert.True(MethodRoles.Required.ContainsKey(method), $"{method} has no declared role"));
    }

    [Fact]
    public void Required_gives_commands_to_operators_policies_to_admins_and_telemetry_to_viewers()
    {
        Assert.Equal(Role.Operator, MethodRoles.Required["/humanoid.v1.Control/SetMode"]);
        Assert.Equal(Role.Admin, MethodRoles.Required["/humanoid.v1.Policy/LoadPolicy"]);
        Assert.Equal(Role.Viewer, MethodRoles.Required["/humanoid.v1.Telemetry/StreamState"]);
        Assert.Equal(Role.Anonymous, MethodRoles.Required["/grpc.health.v1.Health/Check"]);
    }
}
