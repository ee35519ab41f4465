using Grpc.Core;

namespace HumanoidRl.Daemon.Security;

/// <summary>Who is calling, as the authorization interceptor established it from the bearer token.</summary>
public sealed record Caller(string TokenName, Role Role)
{
    private const string UserStateKey = "humanoid-rl.caller";

    internal void AttachTo(ServerCallContext context) => context.UserState[UserStateKey] = this;

    /// <summary>The caller of a method that needs a token (the interceptor ran before the service).</summary>
    public static Caller Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(UserStateKey, out var caller) && caller is Caller known
            ? known
            : throw new InvalidOperationException($"{context.Method}: no authenticated caller; the method's role is " +
                "missing from MethodRoles");
    }
}
