using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Daemon.Security;

namespace HumanoidRl.Daemon.Config;

/// <summary>Everything humanoid-rld reads from its YAML config, validated; paths are absolute.</summary>
public sealed record DaemonConfig
{
    public required string SourcePath { get; init; }

    /// <summary>IP literal or "localhost".</summary>
    public required string ListenAddress { get; init; }

    /// <summary>0 picks a free port (tests).</summary>
    public required int Port { get; init; }

    /// <summary>Null when the config has no tls section (then only --insecure-loopback can start the daemon).</summary>
    public TlsFiles? Tls { get; init; }

    public required IReadOnlyList<TokenEntry> Tokens { get; init; }

    public required long LeaseWindowMs { get; init; }

    /// <summary>
    /// Where the robot goes when the operator's heartbeats stop (Damping or EStop); null (stand_still) keeps the
    /// current mode with the velocity command zeroed, so a walking policy stops and stands.
    /// </summary>
    public required ControlMode? LeaseLapseMode { get; init; }

    public required VelocityLimits VelocityLimits { get; init; }

    public required string RobotConfigPath { get; init; }

    /// <summary>Policy loaded at start; null starts without one (load it later over gRPC).</summary>
    public string? PolicyPath { get; init; }

    public required BackendKind Backend { get; init; }

    /// <summary>Hardware backend settings: port overrides per bus, reply timeout margin.</summary>
    public HardwareSettings Hardware { get; init; } = new();

    public required SimSpeed SimSpeed { get; init; }

    /// <summary>SCHED_FIFO priority, CPU pinning and mlockall for the loop thread (defaults: none of them).</summary>
    public RealtimeOptions Realtime { get; init; } = new();
}

public sealed record TlsFiles(string CertFile, string KeyFile);

/// <summary>A bearer token the daemon accepts: only the SHA-256 of the token is stored.</summary>
public sealed record TokenEntry(string Name, Role Role, byte[] Sha256);

public enum BackendKind
{
    /// <summary>The MuJoCo simulator in-process.</summary>
    Simulator,

    /// <summary>Dynamixel buses on the serial ports of the robot config (or the overrides).</summary>
    Hardware,
}

public enum SimSpeed
{
    /// <summary>Paced to the loop period, as on the robot.</summary>
    Realtime,

    /// <summary>As fast as the machine steps.</summary>
    Max,
}
