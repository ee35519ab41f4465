namespace HumanoidRl.Daemon.Tests.Config;

/// <summary>Daemon config files for tests: a valid one pointing at the repository's humanoid16 robot, with parts replaceable.</summary>
internal static class DaemonConfigText
{
    public const string OperatorToken = "hrl_test_operator_token";
    public const string ViewerToken = "hrl_test_viewer_token";
    public const string AdminToken = "hrl_test_admin_token";
    public const string SecondOperatorToken = "hrl_test_second_operator_token";

    public static string RobotConfigPath { get; } = Path.Combine(RepositoryRoot(), "robot-config", "humanoid16.yaml");

    public static string Valid(
        string address = "127.0.0.1", string tls = "", long leaseWindowMs = 500, string extra = "", string simSpeed = "realtime",
        string lapseMode = "damping") => $"""
        listen:
          address: {address}
          port: 0
        {tls}
        tokens:
          - name: ana
            role: operator
            sha256: {Hash(OperatorToken)}
          - name: ben
            role: operator
            sha256: {Hash(SecondOperatorToken)}
          - name: vic
            role: viewer
            sha256: {Hash(ViewerToken)}
          - name: root
            role: admin
            sha256: {Hash(AdminToken)}
        lease:
          window_ms: {leaseWindowMs}
          lapse_mode: {lapseMode}
        velocity_command:
          vx_m_per_s: [-0.5, 1.0]
          vy_m_per_s: [-0.3, 0.3]
          yaw_rate_rad_per_s: [-1.0, 1.0]
        robot_config: {RobotConfigPath}
        backend: simulator
        sim_speed: {simSpeed}
        {extra}
        """;

    public static string Hash(string token) => Convert.ToHexStringLower(HumanoidRl.Protocol.Security.TokenHash.Of(token));

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"no HumanoidRl.sln above {AppContext.BaseDirectory}");
    }
}
