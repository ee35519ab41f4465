using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Tests.Policy;
using HumanoidRl.Core.Backends;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Sensing;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Backend;

namespace HumanoidRl.Control.Tests.Controller;

/// <summary>The shipped robot on the real simulator backend, with helpers to make policies and wait for the loop.</summary>
internal static class ControllerFixture
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static RobotConfig Robot { get; } = RobotConfigLoader.Load(Path.Combine(RepositoryRoot, "robot-config", "humanoid16.yaml"));

    public static TaskConfig BalanceTask { get; } =
        TaskConfigLoader.Load(Path.Combine(RepositoryRoot, "robot-config", "tasks", "balance.yaml"));

    public static RobotController Create(IRobotBackend? backend = null) =>
        new(backend ?? new SimulatorBackend(Robot), ControllerSettings.FromRobot(Robot) with { FreeRun = true, StandUpS = 0.2 },
            PolicyContracts.ForRobot(Robot));

    /// <summary>A controller of the shipped robot on the simulator with the given settings.</summary>
    public static RobotController OnSimulator(ControllerSettings settings) =>
        new(new SimulatorBackend(Robot), settings, PolicyContracts.ForRobot(Robot));

    /// <summary>A freshly initialized (untrained) network with the balance task's contract for this robot.</summary>
    public static string PolicyFile(string folder, int seed = 1, string name = "policy.onnx",
        Func<PolicyContract, PolicyContract>? edit = null, float? biasOverride = null)
    {
        var contract = PolicyContracts.ForTask(Robot, BalanceTask, "test");
        contract = edit?.Invoke(contract) ?? contract;
        var weights = PolicyFiles.RandomWeights(seed, contract.ObservationSize, contract.ActionSize, 32, 32);
        if (biasOverride is { } bias) Array.Fill(weights.Layers[^1].Bias, bias);
        return PolicyFiles.Write(folder, weights, contract, name);
    }

    public static void WaitFor(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"timed out waiting for {what}");
            Thread.Sleep(2);
        }
    }

    public static void StandUp(RobotController controller)
    {
        Assert.Null(controller.RequestMode(ControlMode.Damping).Reason);
        WaitFor(() => controller.Mode == ControlMode.Damping, "Damping");
        Assert.Null(controller.RequestMode(ControlMode.StandUp).Reason);
        WaitFor(() => controller.Mode == ControlMode.StandUp && controller.Status().StandUpComplete, "stand-up to finish");
    }

    public static List<ControllerEvent> EventsSoFar(RobotController controller)
    {
        var events = new List<ControllerEvent>();
        long next = 0;
        controller.Events.ReadFrom(ref next, events);
        return events;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"HumanoidRl.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>
/// Wraps the real simulator backend: fails or throws on reads on demand (a cable pulled out, a driver bug), blocks
/// writes on demand (a hung driver) and, given a write time, makes every Write take at least that long (a slow serial bus).
/// </summary>
internal sealed class FailingBackend(IRobotBackend inner, TimeSpan writeTime = default) : IRobotBackend
{
    public volatile bool FailReads;

    public volatile bool StallWrites;

    /// <summary>True while a Write is held by <see cref="StallWrites"/>: the loop is stuck inside its tick.</summary>
    public volatile bool WriteStalled;

    /// <summary>Makes Read throw, as a backend bug would: the loop thread dies.</summary>
    public volatile bool ThrowOnRead;

    public int TorqueOffWrites;

    public string Name => inner.Name;

    public bool IsSimulated => inner.IsSimulated;

    public int JointCount => inner.JointCount;

    public double BaseHeightM => inner.BaseHeightM;

    public void Configure() => inner.Configure();

    public void Activate() => inner.Activate();

    public void Deactivate() => inner.Deactivate();

    public bool Read(SensorFrame frame) =>
        ThrowOnRead ? throw new InvalidOperationException("injected backend bug") : !FailReads && inner.Read(frame);

    public bool Write(ReadOnlySpan<double> torqueNm, bool torqueEnabled)
    {
        if (!torqueEnabled) Interlocked.Increment(ref TorqueOffWrites);
        if (writeTime > TimeSpan.Zero) Thread.Sleep(writeTime);
        while (StallWrites)
        {
            WriteStalled = true;
            Thread.Sleep(1);
        }
        WriteStalled = false;
        return inner.Write(torqueNm, torqueEnabled);
    }

    public void Dispose() => inner.Dispose();
}
