using HumanoidRl.Control.Modes;

namespace HumanoidRl.Control.Controller;

/// <summary>
/// A consistent-enough snapshot of the loop for status calls (counters may be a tick apart). Compute is the
/// controller's own time per tick (observation, policy, action mapping, safety, telemetry); Inference is the loaded
/// policy's ONNX Runtime call alone, on the ticks that run it (a part of Compute; 0 without a policy); Prewarm is the
/// first warm-up call before those ticks' deadlines (realtime.policy_prewarm_us; outside Compute; 0 when off); Backend is the
/// time in the backend's Read and Write (the simulator's physics, or the serial bus exchange on hardware).
/// LoopJitMethods counts the methods the JIT compiled on the loop thread (see <see cref="RobotController.LoopCompiledMethods"/>).
/// </summary>
public sealed record ControllerStatus(
    ControlMode Mode,
    bool FaultLatched,
    string? LastFault,
    bool StandUpComplete,
    bool PolicyLoaded,
    long Ticks,
    long Overruns,
    long BackendErrors,
    long JitterP50Us,
    long JitterP99Us,
    long JitterMaxUs,
    long ComputeP50Us,
    long ComputeP99Us,
    long ComputeMaxUs,
    long InferenceP50Us,
    long InferenceP99Us,
    long InferenceMaxUs,
    long PrewarmP50Us,
    long PrewarmP99Us,
    long PrewarmMaxUs,
    long BackendP50Us,
    long BackendP99Us,
    long BackendMaxUs,
    long LoopJitMethods,
    string Backend,
    IReadOnlyList<string> RealtimeNotes);
