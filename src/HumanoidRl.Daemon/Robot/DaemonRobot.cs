using HumanoidRl.Control.Controller;
using HumanoidRl.Core.Backends;
using HumanoidRl.Core.Config;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;
using HumanoidRl.Hardware.Backend;
using HumanoidRl.Sim.Backend;

namespace HumanoidRl.Daemon.Robot;

/// <summary>The robot the daemon serves: its config, its backend and the controller that runs the loop on it.</summary>
public sealed class DaemonRobot : IDisposable
{
    private readonly IRobotBackend _backend;

    private DaemonRobot(RobotConfig config, IRobotBackend backend, RobotController controller)
    {
        Config = config;
        _backend = backend;
        Controller = controller;
    }

    public RobotConfig Config { get; }

    public RobotController Controller { get; }

    /// <summary>
    /// Loads the robot config, builds the backend named in the daemon config (or the one given, wrapped by tests
    /// and benchmarks) and the controller, and loads the configured policy. Problems throw
    /// <see cref="DaemonStartupException"/> naming the file.
    /// </summary>
    public static DaemonRobot Create(DaemonConfig config, Func<RobotConfig, IRobotBackend>? backendFactory = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        RobotConfig robot;
        try
        {
            robot = RobotConfigLoader.Load(config.RobotConfigPath);
        }
        catch (Exception error) when (error is ConfigFileException or FileNotFoundException)
        {
            throw new DaemonStartupException($"{config.SourcePath}: robot_config: {error.Message}", error);
        }
        var backend = backendFactory?.Invoke(robot) ?? config.Backend switch
        {
            BackendKind.Simulator => new SimulatorBackend(robot),
            BackendKind.Hardware => Hardware(config, robot),
            _ => throw new DaemonStartupException($"{config.SourcePath}: backend: {config.Backend} is not supported by this build"),
        };
        var settings = ControllerSettings.FromRobot(robot, config.VelocityLimits) with
        {
            FreeRun = config.SimSpeed == SimSpeed.Max,
            Realtime = config.Realtime,
        };
        var controller = new RobotController(backend, settings, PolicyContracts.ForRobot(robot));
        try
        {
            if (config.PolicyPath is { } policy) controller.LoadPolicy(policy);
        }
        catch (Exception error) when (error is InvalidDataException or FileNotFoundException)
        {
            controller.Dispose();
            backend.Dispose();
            throw new DaemonStartupException($"{config.SourcePath}: policy: {error.Message}", error);
        }
        return new DaemonRobot(robot, backend, controller);
    }

    private static DynamixelHardwareBackend Hardware(DaemonConfig config, RobotConfig robot)
    {
        var unknown = config.Hardware.PortOverrides.Keys.Where(bus => robot.Buses.All(b => b.Name != bus)).ToList();
        if (unknown.Count > 0)
            throw new DaemonStartupException(
                $"{config.SourcePath}: hardware.port_overrides names buses {string.Join(", ", unknown)} that {robot.SourcePath} does not " +
                $"have (it has {string.Join(", ", robot.Buses.Select(b => b.Name))})");
        return new DynamixelHardwareBackend(robot, new HardwareBackendOptions
        {
            PortOverrides = config.Hardware.PortOverrides,
            ReplyTimeoutMarginMs = config.Hardware.ReplyTimeoutMarginMs,
        });
    }

    /// <summary>
    /// The daemon clamps every command to its configured (possibly asymmetric) ranges before the controller sees
    /// it; the controller's own symmetric limits are set to enclose those ranges so they never clamp twice.
    /// </summary>
    /// <summary>Stops the loop (if still running) and releases the backend.</summary>
    public void Dispose()
    {
        Controller.Dispose();
        _backend.Dispose();
    }
}
