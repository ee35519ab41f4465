using System.Net;
using HumanoidRl.Control.Modes;
using HumanoidRl.Daemon.Security;
using HumanoidRl.Protocol.Security;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HumanoidRl.Daemon.Config;

/// <summary>Loads the daemon's YAML config and validates all of it before the daemon uses any of it.</summary>
public static class DaemonConfigLoader
{
    private const string RootKeys = "a mapping with the keys listen, tls, tokens, lease, velocity_command, robot_config, policy, backend, sim_speed";

    /// <summary>
    /// Parses and validates a daemon config. Throws <see cref="DaemonConfigException"/> listing every problem
    /// with its line. Relative paths in the file are relative to the file's folder.
    /// </summary>
    public static DaemonConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"{path}: daemon config file not found (looked at {fullPath}).", fullPath);

        var problems = new ConfigProblems(path);
        var root = Parse(File.ReadAllText(fullPath), problems);
        var config = root is null ? null : Read(root, fullPath, problems);
        if (config is null || problems.Any) throw new DaemonConfigException(path, problems.Errors);
        return config;
    }

    private static YamlNode? Parse(string text, ConfigProblems problems)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException error)
        {
            problems.Add(error.Start.Line, "yaml", $"malformed YAML: {error.Message}", "well-formed YAML");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this for some unterminated flow collections; the last parsed event says where.
            problems.Add(parser.Current?.End.Line ?? 1, "yaml", "malformed YAML: the parser stopped after this line (an unclosed [ or { ?)", "well-formed YAML");
            return null;
        }
        if (stream.Documents.Count == 1) return stream.Documents[0].RootNode;
        problems.Add(stream.Documents.Count == 0 ? 1 : stream.Documents[1].RootNode.Start.Line, "yaml",
            stream.Documents.Count == 0 ? "the file is empty" : "more than one YAML document", RootKeys);
        return null;
    }

    private static DaemonConfig? Read(YamlNode rootNode, string fullPath, ConfigProblems problems)
    {
        if (YamlMap.Open(rootNode, "", RootKeys, problems) is not { } root) return null;
        var folder = Path.GetDirectoryName(fullPath)!;

        var listen = root.Mapping("listen", "a mapping with address and port");
        var address = listen?.Text("address", "an IP address such as 0.0.0.0 or 127.0.0.1, or localhost");
        if (listen is not null && address is not null && address != "localhost" && !IPAddress.TryParse(address, out _))
            problems.Add(listen.LineOf("address"), listen.PathOf("address"), "not an IP address", "an IP address such as 0.0.0.0 or 127.0.0.1, or localhost", ConfigProblems.Describe(address));
        var port = listen?.Integer("port", "a TCP port 0-65535 (0 picks a free one)");
        if (listen is not null && port is < 0 or > 65535)
            problems.Add(listen.LineOf("port"), listen.PathOf("port"), "out of range", "a TCP port 0-65535", ConfigProblems.Describe(port));
        listen?.RejectUnknownKeys();

        TlsFiles? tls = null;
        if (root.Has("tls") && root.Mapping("tls", "a mapping with cert_file and key_file (PEM)") is { } tlsMap)
        {
            var cert = ExistingFile(tlsMap, "cert_file", "a PEM certificate file (humanoid-rl certs makes one)", folder, problems);
            var key = ExistingFile(tlsMap, "key_file", "a PEM private key file (humanoid-rl certs makes one)", folder, problems);
            tlsMap.RejectUnknownKeys();
            if (cert is not null && key is not null) tls = new TlsFiles(cert, key);
        }

        var tokens = ReadTokens(root, problems);

        var lease = root.Mapping("lease", "a mapping with window_ms and lapse_mode");
        var windowMs = lease?.Integer("window_ms", "milliseconds between heartbeats before the lease lapses, 50-60000 (500 is typical)");
        if (lease is not null && windowMs is < 50 or > 60_000)
            problems.Add(lease.LineOf("window_ms"), lease.PathOf("window_ms"), "out of range", "50-60000 ms", ConfigProblems.Describe(windowMs));
        var lapseText = lease?.Text("lapse_mode", "damping or estop");
        ControlMode? lapseMode = lapseText switch
        {
            null => null,
            "damping" => ControlMode.Damping,
            "estop" => ControlMode.EStop,
            _ => null,
        };
        if (lease is not null && lapseText is not null && lapseMode is null)
            problems.Add(lease.LineOf("lapse_mode"), lease.PathOf("lapse_mode"), "not a safe mode", "damping or estop", ConfigProblems.Describe(lapseText));
        lease?.RejectUnknownKeys();

        var velocity = root.Mapping("velocity_command", "a mapping with vx_m_per_s, vy_m_per_s, yaw_rate_rad_per_s ranges");
        var vx = CommandRangeOf(velocity, "vx_m_per_s", problems);
        var vy = CommandRangeOf(velocity, "vy_m_per_s", problems);
        var yaw = CommandRangeOf(velocity, "yaw_rate_rad_per_s", problems);
        velocity?.RejectUnknownKeys();

        var robotConfig = ExistingFile(root, "robot_config", "the robot config YAML (e.g. humanoid16.yaml), relative to this file", folder, problems);
        var policy = root.Has("policy") ? ExistingFile(root, "policy", "an ONNX policy file exported by humanoid-rl export", folder, problems) : null;

        var backendText = root.Text("backend", "simulator");
        BackendKind? backend = backendText == "simulator" ? BackendKind.Simulator : null;
        if (backendText is not null && backend is null)
            problems.Add(root.LineOf("backend"), "backend", backendText == "hardware" ? "the hardware backend is not available yet" : "unknown backend", "simulator", ConfigProblems.Describe(backendText));

        var speedText = root.Text("sim_speed", "realtime or max");
        SimSpeed? speed = speedText switch
        {
            "realtime" => SimSpeed.Realtime,
            "max" => SimSpeed.Max,
            _ => null,
        };
        if (speedText is not null && speed is null)
            problems.Add(root.LineOf("sim_speed"), "sim_speed", "unknown speed", "realtime or max", ConfigProblems.Describe(speedText));
        root.RejectUnknownKeys();

        if (problems.Any || address is null || port is null || tokens is null || windowMs is null || lapseMode is null
            || vx is null || vy is null || yaw is null || robotConfig is null || backend is null || speed is null)
        {
            return null;
        }
        return new DaemonConfig
        {
            SourcePath = fullPath,
            ListenAddress = address,
            Port = (int)port,
            Tls = tls,
            Tokens = tokens,
            LeaseWindowMs = windowMs.Value,
            LeaseLapseMode = lapseMode.Value,
            VelocityLimits = new VelocityLimits(vx.Value, vy.Value, yaw.Value),
            RobotConfigPath = robotConfig,
            PolicyPath = policy,
            Backend = backend.Value,
            SimSpeed = speed.Value,
        };
    }

    private static List<TokenEntry>? ReadTokens(YamlMap root, ConfigProblems problems)
    {
        const string Expected = "a list of {name, role, sha256} (humanoid-rl certs token prints one)";
        if (root.Sequence("tokens", Expected) is not { } list) return null;
        if (list.Children.Count == 0)
        {
            problems.Add(list.Start.Line, "tokens", "no tokens: nobody could use the daemon", Expected);
            return null;
        }
        var tokens = new List<TokenEntry>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (YamlMap.Open(list.Children[i], $"tokens[{i}]", "a mapping with name, role, sha256", problems) is not { } entry) continue;
            var name = entry.Text("name", "a name for the token holder (shown as the lease holder)");
            var roleText = entry.Text("role", "viewer, operator or admin");
            var role = roleText is null ? null : RoleNames.Parse(roleText);
            if (roleText is not null && role is null)
                problems.Add(entry.LineOf("role"), entry.PathOf("role"), "unknown role", "viewer, operator or admin", ConfigProblems.Describe(roleText));
            var hashText = entry.Text("sha256", "the token's SHA-256 as 64 hex digits (never the token itself)");
            var hash = hashText is null ? null : TokenHash.ParseHex(hashText);
            if (hashText is not null && hash is null)
                problems.Add(entry.LineOf("sha256"), entry.PathOf("sha256"), "not a SHA-256 hash", "64 hex digits", $"{hashText.Length} characters");
            entry.RejectUnknownKeys();
            if (name is not null && tokens.Any(t => t.Name == name))
                problems.Add(entry.LineOf("name"), entry.PathOf("name"), "duplicate token name", "unique names", ConfigProblems.Describe(name));
            if (hash is not null && tokens.Any(t => t.Sha256.AsSpan().SequenceEqual(hash)))
                problems.Add(entry.LineOf("sha256"), entry.PathOf("sha256"), "duplicate token hash", "one entry per token");
            if (name is not null && role is not null && hash is not null) tokens.Add(new TokenEntry(name, role.Value, hash));
        }
        return tokens;
    }

    private static CommandRange? CommandRangeOf(YamlMap? velocity, string key, ConfigProblems problems)
    {
        if (velocity is null) return null;
        const string Expected = "[min, max] with min <= 0 <= max";
        if (velocity.Range(key, Expected) is not { } range) return null;
        if (range.Min <= 0 && range.Max >= 0) return new CommandRange(range.Min, range.Max);
        // Zero must be a legal command: a lapsed lease zeroes it.
        problems.Add(velocity.LineOf(key), velocity.PathOf(key), "does not contain 0", Expected,
            new CommandRange(range.Min, range.Max).ToString());
        return null;
    }

    private static string? ExistingFile(YamlMap map, string key, string expected, string folder, ConfigProblems problems)
    {
        if (map.Text(key, expected) is not { } relative) return null;
        var full = Path.GetFullPath(relative, folder);
        if (File.Exists(full)) return full;
        problems.Add(map.LineOf(key), map.PathOf(key), "file not found", expected, $"'{relative}' (looked at {full})");
        return null;
    }
}
