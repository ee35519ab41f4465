using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HumanoidRl.Daemon.Bench;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;

var root = new RootCommand("humanoid-rld-bench: the control loop benchmark of humanoid-rld, which `humanoid-rl bench loop` runs.");
var secondsOption = new Option<double>("--seconds")
{
    Description = "Measuring time of the loop and of the bare loop each (taking turns, see --slice-ms), then of the reference " +
        "inference (s, > 0).",
    DefaultValueFactory = _ => 10,
};
var sliceOption = new Option<int>("--slice-ms")
{
    Description = "Longest turn of the loop and of the bare loop (ms, > 0): they alternate, the loop held between two ticks during " +
        "the bare loop's turn, so that both see the same host noise; --seconds is cut into equal slices of at most this.",
    DefaultValueFactory = _ => LoopBenchmark.DefaultSliceMs,
};
var subscribersOption = new Option<int>("--subscribers")
{
    Description = "StreamState subscribers at the loop rate over gRPC on loopback (>= 0).",
    DefaultValueFactory = _ => 8,
};
var policyOption = new Option<FileInfo?>("--policy")
{
    Description = "ONNX policy to run (default: a freshly initialized network of the balance task's actor shape).",
};
var jsonOption = new Option<bool>("--json")
{
    Description = "Print exactly one JSON object on stdout (progress goes to stderr). " + LoopBenchmark.FigureDefinitions,
};
var benchConfigOption = new Option<FileInfo>("--config")
{
    Description = "Daemon config whose robot, lease and command ranges are used (listen, TLS and tokens are replaced by a " +
        "loopback bench setup).",
    DefaultValueFactory = _ => new FileInfo("robot-config/daemon.yaml"),
};
var bench = new Command("loop", "The real loop (simulator in real time, ONNX policy, K gRPC telemetry subscribers) against a bare " +
    "clock_nanosleep loop at the same period, the two taking turns, and a reference ONNX Runtime call at the policy period.")
{
    benchConfigOption, secondsOption, sliceOption, subscribersOption, policyOption, jsonOption,
};
bench.SetAction(async (parse, cancel) =>
{
    var json = parse.GetValue(jsonOption);
    var seconds = parse.GetValue(secondsOption);
    var subscribers = parse.GetValue(subscribersOption);
    var sliceMs = parse.GetValue(sliceOption);
    if (!(seconds > 0) || subscribers < 0)
    {
        Console.Error.WriteLine($"humanoid-rld-bench loop: --seconds must be > 0 (got {seconds.ToString(CultureInfo.InvariantCulture)}) " +
            $"and --subscribers >= 0 (got {subscribers})");
        return 2;
    }
    if (sliceMs <= 0)
    {
        Console.Error.WriteLine($"humanoid-rld-bench loop: --slice-ms must be > 0 (got {sliceMs})");
        return 2;
    }
    // The host's console logger writes to stdout by default: send it to stderr, warnings only, so stdout carries the
    // figures alone and request logging does not load the machine being measured. The host reads these from the environment.
    Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
    Environment.SetEnvironmentVariable("Logging__Console__LogToStandardErrorThreshold", "Trace");
    try
    {
        var config = DaemonConfigLoader.Load(parse.GetValue(benchConfigOption)!.FullName);
        var figures = await LoopBenchmark.RunAsync(config, parse.GetValue(policyOption)?.FullName, TimeSpan.FromSeconds(seconds),
            TimeSpan.FromMilliseconds(sliceMs), subscribers, message => Console.Error.WriteLine($"bench-loop: {message}"));
        if (json) Console.WriteLine(JsonSerializer.Serialize(figures));
        else
        {
            foreach (var (name, value) in figures) Console.WriteLine($"{name,-42} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
        }
        return 0;
    }
    catch (Exception error) when (error is DaemonConfigException or DaemonStartupException or FileNotFoundException
        or InvalidDataException or InvalidOperationException or TimeoutException)
    {
        Console.Error.WriteLine($"humanoid-rld-bench loop: {error.Message}");
        return 2;
    }
});
root.Subcommands.Add(bench);
var serverOption = new Option<string>("--server") { Description = "Daemon address (plaintext loopback).", Required = true };
var countOption = new Option<int>("--count")
{
    Description = "StreamState subscribers at the loop rate (>= 1).",
    DefaultValueFactory = _ => 1,
};
var subscribersCommand = new Command("subscribers",
    "Internal to loop: its telemetry clients, in a process of their own. Token in " + TelemetrySubscribers.TokenVariable + ".")
{
    serverOption, countOption,
};
subscribersCommand.Hidden = true;
subscribersCommand.SetAction(async (parse, cancel) =>
{
    var count = parse.GetValue(countOption);
    if (count < 1)
    {
        Console.Error.WriteLine($"humanoid-rld-bench subscribers: --count must be >= 1 (got {count})");
        return 2;
    }
    if (!Uri.TryCreate(parse.GetValue(serverOption), UriKind.Absolute, out var server))
    {
        Console.Error.WriteLine("humanoid-rld-bench subscribers: --server must be an absolute address such as http://127.0.0.1:5000 " +
            $"(got {parse.GetValue(serverOption)})");
        return 2;
    }
    return await TelemetrySubscribers.RunAsync(server, count, Console.In, Console.Out);
});
root.Subcommands.Add(subscribersCommand);
return await root.Parse(args).InvokeAsync();
