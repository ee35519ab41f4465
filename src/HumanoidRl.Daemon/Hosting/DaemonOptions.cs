namespace HumanoidRl.Daemon.Hosting;

/// <summary>What the command line decides: which config, and whether plaintext on loopback is allowed.</summary>
public sealed record DaemonOptions(string ConfigPath, bool InsecureLoopback);
