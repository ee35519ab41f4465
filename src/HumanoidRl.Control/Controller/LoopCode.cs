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
/// Compiles the code of the loop's ticks, in every mode, before the loop starts. .NET compiles a method on its first
/// call, on the calling thread: in a fresh daemon the first tick in Damping compiled 4 methods on the loop thread, the
/// first in StandUp 10 and the first fault 1, tens to hundreds of microseconds each, inside the tick. PrepareMethod
/// leaves virtual methods alone, interface implementations among them: the loop runs the backend's Read and Write once
/// before its first deadline instead, and the policy's calls are compiled by <see cref="PolicyRuntime"/> as it loads.
/// </summary>
internal static class LoopCode
{
    private const DynamicallyAccessedMemberTypes AllMethods = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods |
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors;

    private static readonly Type[] TickTypes =
    [
        typeof(RobotController), typeof(ControllerSettings), typeof(ControllerCommand), typeof(VelocityCommand), typeof(ControllerEvent),
        typeof(EventRing), typeof(TelemetryRing), typeof(TelemetrySample), typeof(SafetyLayer), typeof(SafetyThresholds), typeof(FaultEvent),
        typeof(ModeRules), typeof(DeadlineTimer), typeof(LatencyHistogram), typeof(LinuxClock), typeof(TickPhaseTimer), typeof(SoftStart),
        typeof(PdLaw), typeof(Quat), typeof(RollPitchYaw), typeof(SensorFrame), typeof(PolicyRuntime),
        // LinuxClock's libc calls, their P/Invoke stubs and the timespec they pass.
        typeof(Libc), typeof(Libc.Timespec),
        // The loop answers each command through one: in a fresh daemon the first answer compiled SetResult on the loop thread.
        typeof(TaskCompletionSource<bool>),
    ];

    private static readonly Lazy<bool> Prepared = new(PrepareAll);

    /// <summary>Compiles every method of the ticks' types, once per process.</summary>
    public static void Prepare() => _ = Prepared.Value;

    private static bool PrepareAll()
    {
        foreach (var type in TickTypes) PrepareMethodsOf(type);
        return true;
    }

    private static void PrepareMethodsOf([DynamicallyAccessedMembers(AllMethods)] Type type)
    {
        const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method.IsAbstract || method.ContainsGenericParameters) continue;
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        }
    }
}
