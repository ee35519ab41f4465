using HumanoidRl.Control.Modes;

namespace HumanoidRl.Control.Controller;

/// <summary>A consistent-enough snapshot of the loop for status calls (counters may be a tick apart).</summary>
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
    string Backend,
    IReadOnlyList<string> RealtimeNotes);
