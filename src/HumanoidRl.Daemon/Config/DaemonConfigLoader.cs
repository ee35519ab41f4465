using System.Net;
using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Core.Config;
using HumanoidRl.Daemon.Security;
using HumanoidRl.Protocol.Security;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Daemon.Config;

/// <summary>Loads the daemon's YAML config and validates all of it before the daemon uses any of it.</summary>
public static class DaemonConfigLoader
{
    /// <summary>listen: where the gRPC server listens.</summary>
    private static readonly ConfigTable<DaemonConfig> Listen = new(
        new TextKey<DaemonConfig>("address", s => s.ListenAddress, (s, v) => s with { ListenAddress = v },
            "an IP address such as 0.0.0.0 or 127.0.0.1, or localhost", required: true,
            isValid: a => a == "localhost" || IPAddress.TryParse(a, out _), problem: "not an IP address"),
        new IntegerKey<DaemonConfig>("port", s => s.Port, (s, v) => s with { Port = (int)v },
            "a TCP port 0-65535 (0 picks a free one)", new ConfigBounds(0, 65535) { Expected = "a TCP port 0-65535" }, required: true));

    /// <summary>lease: how long an operator's lease outlives its last heartbeat, and where the robot goes then.</summary>
    private static readonly ConfigTable<DaemonConfig> Lease = new(
        new IntegerKey<DaemonConfig>("window_ms", s => s.LeaseWindowMs, (s, v) => s with { LeaseWindowMs = v },
            "milliseconds between heartbeats before the lease lapses, 50-60000 (500 is typical)",
            new ConfigBounds(50, 60_000) { Expected = "50-60000 ms" }, required: true),
        // null (stand_still) keeps the current mode.
        new ChoiceKey<DaemonConfig, ControlMode?>("lapse_mode", s => s.LeaseLapseMode, (s, v) => s with { LeaseLapseMode = v },
            new Dictionary<string, ControlMode?>
            {
                ["damping"] = ControlMode.Damping, ["estop"] = ControlMode.EStop, ["stand_still"] = null,
            },
            "unknown lapse mode", required: true));

    /// <summary>velocity_command: the ranges the operator's command is clamped to, each required.</summary>
    private static readonly ConfigTable<VelocityLimits> VelocityCommand = new(
        new CommandRangeKey<VelocityLimits>("vx_m_per_s", s => s.VxMPerS, (s, v) => s with { VxMPerS = v }),
        new CommandRangeKey<VelocityLimits>("vy_m_per_s", s => s.VyMPerS, (s, v) => s with { VyMPerS = v }),
        new CommandRangeKey<VelocityLimits>("yaw_rate_rad_per_s", s => s.YawRateRadPerS, (s, v) => s with { YawRateRadPerS = v }));

    private static readonly ChoiceKey<DaemonConfig, BackendKind> Backend = new("backend", s => s.Backend, (s, v) => s with { Backend = v },
        new Dictionary<string, BackendKind> { ["simulator"] = BackendKind.Simulator, ["hardware"] = BackendKind.Hardware },
        "unknown backend", required: true);

    private static readonly ChoiceKey<DaemonConfig, SimSpeed> Speed = new("sim_speed", s => s.SimSpeed, (s, v) => s with { SimSpeed = v },
        new Dictionary<string, SimSpeed> { ["realtime"] = SimSpeed.Realtime, ["max"] = SimSpeed.Max },
        "unknown speed", required: true);

    private const string RootKeys = "a mapping with the keys listen, tls, tokens, lease, velocity_command, robot_config, policy, " +
        "backend, hardware, sim_speed, realtime";

    /// <summary>
    /// Parses and validates a daemon config. Throws <see cref="DaemonConfigException"/> listing every problem
    /// with its line. Relative paths in the file are relative to the file's folder.
    /// </summary>
    public static DaemonConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"{path}: daemon config file not found (looked at {fullPath}).", fullPath);

        var diagnostics = new ConfigDiagnostics(path);
        var root = ConfigYaml.Parse(File.ReadAllText(fullPath), diagnostics, RootKeys);
        var config = root is null ? null : Read(root, fullPath, diagnostics);
        if (config is null || diagnostics.HasErrors) throw new DaemonConfigException(path, diagnostics.Errors);
        return config;
    }

    private static DaemonConfig? Read(YamlNode rootNode, string fullPath, ConfigDiagnostics diagnostics)
    {
        if (YamlMappingReader.Open(rootNode, "", RootKeys, diagnostics) is not { } root) return null;
        var folder = Path.GetDirectoryName(fullPath)!;

        // Filled key by key from the tables below; any problem reported leaves the whole config unused.
        var config = new DaemonConfig
        {
            SourcePath = fullPath, ListenAddress = "", Port = 0, Tokens = [], LeaseWindowMs = 0, LeaseLapseMode = null,
            VelocityLimits = VelocityLimits.Default, RobotConfigPath = "",
            Backend = BackendKind.Simulator, SimSpeed = SimSpeed.Realtime,
        };
        var listen = root.Mapping("listen", "a mapping with address and port");
        if (listen is not null) config = Listen.Read(listen, config, diagnostics);
        listen?.RejectUnknownKeys();

        TlsFiles? tls = null;
        if (root.Has("tls") && root.Mapping("tls", "a mapping with cert_file and key_file (PEM)") is { } tlsMap)
        {
            var cert = ExistingFile(tlsMap, "cert_file", "a PEM certificate file (humanoid-rl certs makes one)", folder, diagnostics);
            var key = ExistingFile(tlsMap, "key_file", "a PEM private key file (humanoid-rl certs makes one)", folder, diagnostics);
            tlsMap.RejectUnknownKeys();
            if (cert is not null && key is not null) tls = new TlsFiles(cert, key);
        }

        var tokens = ReadTokens(root, diagnostics);

        var lease = root.Mapping("lease", "a mapping with window_ms and lapse_mode");
        if (lease is not null) config = Lease.Read(lease, config, diagnostics);
        lease?.RejectUnknownKeys();

        var velocity = root.Mapping("velocity_command", "a mapping with vx_m_per_s, vy_m_per_s, yaw_rate_rad_per_s ranges");
        if (velocity is not null)
            config = config with { VelocityLimits = VelocityCommand.Read(velocity, config.VelocityLimits, diagnostics) };
        velocity?.RejectUnknownKeys();

        var robotConfig = ExistingFile(root, "robot_config", "the robot config YAML (e.g. humanoid16.yaml), relative to this file", folder,
            diagnostics);
        var policy = root.Has("policy")
            ? ExistingFile(root, "policy", "an ONNX policy file exported by humanoid-rl export", folder, diagnostics)
            : null;

        var errorsBefore = diagnostics.Errors.Count;
        config = Backend.Read(root, config, diagnostics);
        var hardware = HardwareSectionReader.Read(root, diagnostics.Errors.Count == errorsBefore ? config.Backend : null, diagnostics);
        config = Speed.Read(root, config, diagnostics);

        var realtime = RealtimeSectionReader.Read(root, config.SimSpeed == SimSpeed.Max, diagnostics);
        root.RejectUnknownKeys();

        if (diagnostics.HasErrors || tokens is null || velocity is null || robotConfig is null || realtime is null || hardware is null)
        {
            return null;
        }
        return config with
        {
            Tls = tls,
            Tokens = tokens,
            RobotConfigPath = robotConfig,
            PolicyPath = policy,
            Hardware = hardware,
            Realtime = realtime,
        };
    }

    private static List<TokenEntry>? ReadTokens(YamlMappingReader root, ConfigDiagnostics diagnostics)
    {
        const string Expected = "a list of {name, role, sha256} (humanoid-rl certs token prints one)";
        if (root.Sequence("tokens", Expected) is not { } list) return null;
        if (list.Children.Count == 0)
        {
            diagnostics.Add(list.Start.Line, "tokens", "no tokens: nobody could use the daemon", Expected);
            return null;
        }
        var tokens = new List<TokenEntry>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (YamlMappingReader.Open(list.Children[i], $"tokens[{i}]", "a mapping with name, role, sha256", diagnostics) is not { } entry)
                continue;
            var name = entry.Text("name", "a name for the token holder (shown as the lease holder)");
            var roleText = entry.Text("role", "viewer, operator or admin");
            var role = roleText.IsPresent ? RoleNames.Parse(roleText.Value) : null;
            diagnostics.Require(roleText, role is not null, "unknown role", "viewer, operator or admin");
            var hashText = entry.Text("sha256", "the token's SHA-256 as 64 hex digits (never the token itself)");
            var hash = hashText.IsPresent ? TokenHash.ParseHex(hashText.Value) : null;
            // The value may be a token pasted in clear, so the error gives its length, never its text.
            if (hashText.IsPresent && hash is null)
                diagnostics.Add(hashText.Line, hashText.Path, "not a SHA-256 hash", "64 hex digits", $"{hashText.Value.Length} characters");
            entry.RejectUnknownKeys();
            diagnostics.Require(name, !tokens.Any(t => t.Name == name.Value), "duplicate token name", "unique names");
            if (hash is not null && tokens.Any(t => t.Sha256.AsSpan().SequenceEqual(hash)))
                diagnostics.Add(hashText.Line, hashText.Path, "duplicate token hash", "one entry per token");
            if (name.IsPresent && role is not null && hash is not null) tokens.Add(new TokenEntry(name.Value, role.Value, hash));
        }
        return tokens;
    }

    private static string? ExistingFile(YamlMappingReader map, string key, string expected, string folder, ConfigDiagnostics diagnostics)
    {
        var relative = map.Text(key, expected);
        if (!relative.IsPresent) return null;
        var full = Path.GetFullPath(relative.Value, folder);
        if (File.Exists(full)) return full;
        diagnostics.Add(relative.Line, relative.Path, "file not found", expected, $"'{relative.Value}' (looked at {full})");
        return null;
    }
}
