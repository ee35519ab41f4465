using System.CommandLine;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;
using HumanoidRl.Daemon.Robot;

var configOption = new Option<FileInfo>("--config")
{
    Description = "Daemon config (YAML): listen address, TLS files, token hashes, lease window, command ranges, robot " +
        "config, policy, backend.",
    DefaultValueFactory = _ => new FileInfo("/etc/humanoid-rl/daemon.yaml"),
};
var insecureOption = new Option<bool>("--insecure-loopback")
{
    Description = "Serve plaintext gRPC (no TLS). Refused unless listen.address is a loopback address; for development on one machine.",
};
var root = new RootCommand("humanoid-rld: the controller daemon. Runs the 500 Hz control loop and serves it over gRPC (TLS, bearer " +
    "tokens, operator lease).")
{
    configOption,
    insecureOption,
};
root.SetAction(async (parse, cancel) =>
{
    var options = new DaemonOptions(parse.GetValue(configOption)!.FullName, parse.GetValue(insecureOption));
    DaemonConfig config;
    ListenEndpoint endpoint;
    DaemonRobot robot;
    try
    {
        config = DaemonConfigLoader.Load(options.ConfigPath);
        endpoint = ListenEndpoint.Resolve(config, options.InsecureLoopback);
        endpoint.ThrowIfUnavailable(config.SourcePath);
        robot = DaemonRobot.Create(config);
    }
    catch (Exception error) when (error is DaemonConfigException or DaemonStartupException or FileNotFoundException)
    {
        Console.Error.WriteLine($"humanoid-rld: {error.Message}");
        return 2;
    }
    using (robot)
    using (endpoint.Certificate)
    {
        await using var app = DaemonHost.Build(config, endpoint, robot);
        // RunAsync returns after SIGTERM / Ctrl+C once the hosted services have stopped (the loop in Damping, then torque off).
        await app.RunAsync(cancel);
        return robot.Controller.LoopFailure is null ? 0 : 1;
    }
});
return await root.Parse(args).InvokeAsync();
