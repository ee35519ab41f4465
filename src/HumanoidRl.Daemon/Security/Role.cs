namespace HumanoidRl.Daemon.Security;

/// <summary>What a token may do; each role includes the ones below it (admin implies operator implies viewer).</summary>
public enum Role
{
    /// <summary>No token needed (health checks and server reflection).</summary>
    Anonymous,

    /// <summary>Telemetry and status.</summary>
    Viewer,

    /// <summary>Commanding the robot (with the operator lease).</summary>
    Operator,

    /// <summary>Loading policies.</summary>
    Admin,
}

public static class RoleNames
{
    public static string Of(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>Parses a config role name; Anonymous is not a role a token can have.</summary>
    public static Role? Parse(string name) => name switch
    {
        "viewer" => Role.Viewer,
        "operator" => Role.Operator,
        "admin" => Role.Admin,
        _ => null,
    };

    public static bool Satisfies(this Role held, Role required) => held >= required;
}
