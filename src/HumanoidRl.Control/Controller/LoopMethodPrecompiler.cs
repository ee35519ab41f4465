using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using HumanoidRl.Control.Loop;
using HumanoidRl.Control.Modes;
using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Action;
using HumanoidRl.Core.Geometry;
using HumanoidRl.Core.Sensing;
using HumanoidRl.Shared;

namespace HumanoidRl.Control.Controller;

/// <summary>
/// Compiles the code of the loop's ticks, in every mode and on faults, before the loop starts: .NET compiles a method on
/// its first call, on the calling thread, which inside a tick costs it tens to hundreds of microseconds. Code of other
/// assemblies that the ticks reach through an interface is compiled by a call instead: the loop makes the backend's
/// Read and Write once before its first deadline, and <see cref="PolicyRuntime"/> makes the policy's calls as it loads.
/// </summary>
internal static class LoopMethodPrecompiler
{
    private const DynamicallyAccessedMemberTypes AllMethods =
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods |
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors;

    /// <summary>The types whose code the ticks run.</summary>
    internal static IReadOnlyList<Type> TickTypes { get; } =
    [
        typeof(ControlLoop), typeof(ControlTick), typeof(LoopPause), typeof(ControllerSettings), typeof(ControllerCommand),
        typeof(VelocityCommand), typeof(ControllerEvent), typeof(EventRing), typeof(TelemetryRing), typeof(TelemetrySample),
        typeof(ModeManager), typeof(ModeRules), typeof(ModeTick), typeof(PassiveController), typeof(DampingController),
        typeof(StandUpController), typeof(PolicyController), typeof(EStopController), typeof(PoseHold),
        typeof(SafetyLayer), typeof(SafetyThresholds), typeof(FaultEvent), typeof(DeadlineTimer), typeof(LatencyHistogram),
        typeof(LinuxClock), typeof(Libc), typeof(Libc.Timespec), typeof(TickPhaseTimer), typeof(LoopStatistics), typeof(PrewarmOutcome),
        typeof(SoftStart), typeof(PdLaw), typeof(Quat), typeof(RollPitchYaw), typeof(SensorFrame), typeof(PolicyRuntime),
        // The loop answers each command through one: in a fresh daemon the first answer compiled SetResult on the loop thread.
        typeof(TaskCompletionSource<bool>),
    ];

    private static readonly Lazy<bool> Prepared = new(PrepareAll);

    /// <summary>Compiles every method of the ticks' types, once per process.</summary>
    public static void Prepare() => _ = Prepared.Value;

    /// <summary>
    /// Compiles each method and constructor the type declares. PrepareMethod alone leaves a virtual method (the mode
    /// controllers' interface methods among them) to its first call; asking for its entry point first makes it compile.
    /// </summary>
    internal static void PrepareMethodsOf([DynamicallyAccessedMembers(AllMethods)] Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static |
            BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method.IsAbstract || method.ContainsGenericParameters) continue;
            if (method.IsVirtual) _ = method.MethodHandle.GetFunctionPointer();
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        }
    }

    private static bool PrepareAll()
    {
        foreach (var type in TickTypes) PrepareMethodsOf(type);
        return true;
    }
}
