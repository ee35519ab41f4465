using Grpc.Core;
using Grpc.Core.Interceptors;

namespace HumanoidRl.Daemon.Security;

/// <summary>
/// Checks every call's bearer token against the role <see cref="MethodRoles"/> declares for the method:
/// no or unknown token -> UNAUTHENTICATED, too weak a role -> PERMISSION_DENIED.
/// </summary>
public sealed class AuthorizationInterceptor(TokenAuthenticator authenticator) : Interceptor
{
    private const string BearerPrefix = "Bearer ";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!MethodRoles.Required.TryGetValue(context.Method, out var required))
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method}: no role is declared for this method"));
        if (required == Role.Anonymous) return;

        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"{context.Method} needs a bearer token: send the metadata 'authorization: Bearer <token>'"));
        var caller = authenticator.Authenticate(header[BearerPrefix.Length..].Trim())
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated,
                "unknown bearer token (its SHA-256 matches no entry in the daemon config's tokens)"));
        if (!caller.Role.Satisfies(required))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{context.Method} needs the {RoleNames.Of(required)} role; token '{caller.TokenName}' has {RoleNames.Of(caller.Role)}"));
        }
        caller.AttachTo(context);
    }
}
