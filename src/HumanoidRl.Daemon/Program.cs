using System.CommandLine;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;

var configOption = new Option<FileInfo>("--config")
{
    Description = "Daemon config (YAML): listen address, TLS files, token hashes, lease window, command ranges, robot config, policy, backend.",
    DefaultValueFactory = _ => new FileInfo("/etc/humanoid-rl/daemon.yaml"),
};
var insecureOption = new Option<bool>("--insecure-loopback")
{
    Description = "Serve plaintext gRPC (no TLS). Refused unless listen.address is a loopback address; for development on one machine.",
};
var root = new RootCommand("humanoid-rld: the controller daemon. Runs the 500 Hz control loop and serves it over gRPC (TLS, bearer tokens, operator lease).")
{
    configOption,
    insecureOption,
};
root.SetAction(parse =>
{
    var options = new DaemonOptions(parse.GetValue(configOption)!.FullName, parse.GetValue(insecureOption));
    try
    {
        var config = DaemonConfigLoader.Load(options.ConfigPath);
        var endpoint = ListenEndpoint.Resolve(config, options.InsecureLoopback);
        endpoint.Certificate?.Dispose();
        // The config and the TLS rules are checked above; what runs the robot is the controller's job.
        Console.Error.WriteLine($"humanoid-rld: {options.ConfigPath} is valid, but this build has no control loop to serve " +
                                "(HumanoidRl.Control's RobotController is not wired into the daemon yet); not starting.");
        return 3;
    }
    catch (Exception error) when (error is DaemonConfigException or DaemonStartupException or FileNotFoundException)
    {
        Console.Error.WriteLine($"humanoid-rld: {error.Message}");
        return 2;
    }
});
return root.Parse(args).Invoke();
