using HumanoidRl.Control.Modes;

namespace HumanoidRl.Control.Controller;

/// <summary>
/// A consistent-enough snapshot of the loop for status calls (counters may be a tick apart). Compute is the
/// controller's own time per tick (observation, policy, action mapping, safety, telemetry); Backend is the time in
/// the backend's Read and Write (the simulator's physics, or the serial bus exchange on hardware).
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
    long BackendP50Us,
    long BackendP99Us,
    long BackendMaxUs,
    string Backend,
    IReadOnlyList<string> RealtimeNotes);
