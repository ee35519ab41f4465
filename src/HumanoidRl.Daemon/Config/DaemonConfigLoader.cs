using System.Collections.Frozen;
using System.Net;
using HumanoidRl.Control.Modes;
using HumanoidRl.Core.Config;
using HumanoidRl.Daemon.Security;
using HumanoidRl.Protocol.Security;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Daemon.Config;

/// <summary>Loads the daemon's YAML config and validates all of it before the daemon uses any of it.</summary>
public static class DaemonConfigLoader
{
    private const string LapseModesExpected = "damping, estop or stand_still";

    /// <summary>lease.lapse_mode values; null (stand_still) keeps the current mode.</summary>
    private static readonly FrozenDictionary<string, ControlMode?> LapseModes = new Dictionary<string, ControlMode?>
    {
        ["damping"] = ControlMode.Damping,
        ["estop"] = ControlMode.EStop,
        ["stand_still"] = null,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private const string RootKeys = "a mapping with the keys listen, tls, tokens, lease, velocity_command, robot_config, policy, backend, hardware, sim_speed, realtime";

    /// <summary>
    /// Parses and validates a daemon config. Throws <see cref="DaemonConfigException"/> listing every problem
    /// with its line. Relative paths in the file are relative to the file's folder.
    /// </summary>
    public static DaemonConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"{path}: daemon config file not found (looked at {fullPath}).", fullPath);

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

        const string AddressExpected = "an IP address such as 0.0.0.0 or 127.0.0.1, or localhost";
        var listen = root.Mapping("listen", "a mapping with address and port");
        var address = listen?.Text("address", AddressExpected);
        if (address is { IsPresent: true } a) diagnostics.Require(a, a.Value == "localhost" || IPAddress.TryParse(a.Value, out _), "not an IP address", AddressExpected);
        var port = listen?.Integer("port", "a TCP port 0-65535 (0 picks a free one)");
        if (port is { } p) diagnostics.Require(p, p.Value is >= 0 and <= 65535, "out of range", "a TCP port 0-65535");
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
        var windowMs = lease?.Integer("window_ms", "milliseconds between heartbeats before the lease lapses, 50-60000 (500 is typical)");
        if (windowMs is { } w) diagnostics.Require(w, w.Value is >= 50 and <= 60_000, "out of range", "50-60000 ms");
        var lapseText = lease?.Text("lapse_mode", LapseModesExpected);
        ControlMode? lapseMode = null;
        var lapseKnown = lapseText is { IsPresent: true } l && LapseModes.TryGetValue(l.Value, out lapseMode);
        if (lapseText is { } lt) diagnostics.Require(lt, lapseKnown, "unknown lapse mode", LapseModesExpected);
        lease?.RejectUnknownKeys();

        var velocity = root.Mapping("velocity_command", "a mapping with vx_m_per_s, vy_m_per_s, yaw_rate_rad_per_s ranges");
        var vx = velocity is null ? null : CommandRangeReader.Read(velocity, "vx_m_per_s", diagnostics);
        var vy = velocity is null ? null : CommandRangeReader.Read(velocity, "vy_m_per_s", diagnostics);
        var yaw = velocity is null ? null : CommandRangeReader.Read(velocity, "yaw_rate_rad_per_s", diagnostics);
        velocity?.RejectUnknownKeys();

        var robotConfig = ExistingFile(root, "robot_config", "the robot config YAML (e.g. humanoid16.yaml), relative to this file", folder, diagnostics);
        var policy = root.Has("policy") ? ExistingFile(root, "policy", "an ONNX policy file exported by humanoid-rl export", folder, diagnostics) : null;

        var backendText = root.Text("backend", "simulator or hardware");
        BackendKind? backend = backendText.Value switch
        {
            "simulator" => BackendKind.Simulator,
            "hardware" => BackendKind.Hardware,
            _ => null,
        };
        diagnostics.Require(backendText, backend is not null, "unknown backend", "simulator or hardware");
        var hardware = HardwareSectionReader.Read(root, backend, diagnostics);

        var speedText = root.Text("sim_speed", "realtime or max");
        SimSpeed? speed = speedText.Value switch
        {
            "realtime" => SimSpeed.Realtime,
            "max" => SimSpeed.Max,
            _ => null,
        };
        diagnostics.Require(speedText, speed is not null, "unknown speed", "realtime or max");

        var realtime = RealtimeSectionReader.Read(root, speed == SimSpeed.Max, diagnostics);
        root.RejectUnknownKeys();

        if (diagnostics.HasErrors || address is not { IsPresent: true } || port is not { IsPresent: true } || tokens is null
            || windowMs is not { IsPresent: true } || !lapseKnown || vx is null || vy is null || yaw is null
            || robotConfig is null || backend is null || speed is null || realtime is null || hardware is null)
        {
            return null;
        }
        return new DaemonConfig
        {
            SourcePath = fullPath,
            ListenAddress = address.Value.Value,
            Port = (int)port.Value.Value,
            Tls = tls,
            Tokens = tokens,
            LeaseWindowMs = windowMs.Value.Value,
            LeaseLapseMode = lapseMode,
            VelocityLimits = new VelocityLimits(vx.Value, vy.Value, yaw.Value),
            RobotConfigPath = robotConfig,
            PolicyPath = policy,
            Backend = backend.Value,
            Hardware = hardware,
            SimSpeed = speed.Value,
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
            if (YamlMappingReader.Open(list.Children[i], $"tokens[{i}]", "a mapping with name, role, sha256", diagnostics) is not { } entry) continue;
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
