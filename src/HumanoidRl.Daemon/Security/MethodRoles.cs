using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Health.V1;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Security;

/// <summary>
/// The one place that says which role each gRPC method needs. Methods not listed are refused (fail closed).
/// Health and reflection are anonymous so generic gRPC tools (grpcurl, grpc_health_probe) work without a token.
/// </summary>
public static class MethodRoles
{
    public static IReadOnlyDictionary<string, Role> Required { get; } = new Dictionary<string, Role>
    {
        [Path(V1.Control.Descriptor, "AcquireLease")] = Role.Operator,
        [Path(V1.Control.Descriptor, "Heartbeat")] = Role.Operator,
        [Path(V1.Control.Descriptor, "ReleaseLease")] = Role.Operator,
        [Path(V1.Control.Descriptor, "SetMode")] = Role.Operator,
        [Path(V1.Control.Descriptor, "SetVelocityCommand")] = Role.Operator,
        [Path(V1.Control.Descriptor, "EStop")] = Role.Operator,
        [Path(V1.Control.Descriptor, "ClearFault")] = Role.Operator,
        [Path(V1.Telemetry.Descriptor, "StreamState")] = Role.Viewer,
        [Path(V1.Telemetry.Descriptor, "GetStatus")] = Role.Viewer,
        [Path(V1.Telemetry.Descriptor, "StreamEvents")] = Role.Viewer,
        [Path(V1.Policy.Descriptor, "GetPolicyInfo")] = Role.Viewer,
        [Path(V1.Policy.Descriptor, "LoadPolicy")] = Role.Admin,
        [Path(Health.Descriptor, "Check")] = Role.Anonymous,
        [Path(Health.Descriptor, "Watch")] = Role.Anonymous,
        [Path(Grpc.Reflection.V1Alpha.ServerReflection.Descriptor, "ServerReflectionInfo")] = Role.Anonymous,
        [Path(Grpc.Reflection.V1.ServerReflection.Descriptor, "ServerReflectionInfo")] = Role.Anonymous,
    };

    /// <summary>"/package.Service/Method" as ServerCallContext.Method reports it; throws when the method does not exist.</summary>
    private static string Path(ServiceDescriptor service, string method) =>
        service.FindMethodByName(method) is { } found
            ? $"/{service.FullName}/{found.Name}"
            : throw new InvalidOperationException($"{service.FullName} has no method {method}");
}
