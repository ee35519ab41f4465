using HumanoidRl.Control.Controller;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Services;

/// <summary>The controller's telemetry, status and events as wire messages.</summary>
public static class TelemetryMessages
{
    public static V1.RobotState State(TelemetrySample sample, V1.LoopStatistics loop)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var state = new V1.RobotState
        {
            Tick = sample.Tick,
            TimeNs = sample.TimestampNs,
            Mode = ModeNames.ToProto(sample.Mode),
            ImuOrientation = new V1.Quaternion { W = sample.ImuQuaternion[0], X = sample.ImuQuaternion[1], Y = sample.ImuQuaternion[2], Z = sample.ImuQuaternion[3] },
            ImuGyroRadPerS = new V1.Vector3 { X = sample.GyroRadPerS[0], Y = sample.GyroRadPerS[1], Z = sample.GyroRadPerS[2] },
            RollRad = sample.RollRad,
            PitchRad = sample.PitchRad,
            Command = Command(sample),
            Loop = loop,
        };
        state.JointPositionRad.Add(sample.JointPositionRad);
        state.JointVelocityRadPerS.Add(sample.JointVelocityRadPerS);
        state.JointTorqueNm.Add(sample.JointTorqueNm);
        if (sample.Mode == Control.Modes.ControlMode.Policy)
        {
            foreach (var action in sample.Action) state.PolicyAction.Add(action);
        }
        return state;
    }

    public static V1.VelocityCommand Command(TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new V1.VelocityCommand { VxMPerS = sample.Command[0], VyMPerS = sample.Command[1], YawRateRadPerS = sample.Command[2] };
    }

    public static V1.LoopStatistics Loop(ControllerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new V1.LoopStatistics
        {
            Ticks = status.Ticks,
            Overruns = status.Overruns,
            BackendErrors = status.BackendErrors,
            PeriodJitterP50Us = status.JitterP50Us,
            PeriodJitterP99Us = status.JitterP99Us,
            PeriodJitterMaxUs = status.JitterMaxUs,
            ComputeP99Us = status.ComputeP99Us,
            ComputeP50Us = status.ComputeP50Us,
            InferenceP50Us = status.InferenceP50Us,
            InferenceP99Us = status.InferenceP99Us,
            InferenceMaxUs = status.InferenceMaxUs,
            PrewarmP50Us = status.PrewarmP50Us,
            PrewarmP99Us = status.PrewarmP99Us,
            PrewarmMaxUs = status.PrewarmMaxUs,
            BackendP50Us = status.BackendP50Us,
            BackendP99Us = status.BackendP99Us,
            LoopJitMethods = status.LoopJitMethods,
        };
    }

    /// <summary>A loop event for StreamEvents, with its human-readable description.</summary>
    public static V1.Event Event(ControllerEvent loopEvent, string? policyPath)
    {
        var message = new V1.Event { TimeNs = loopEvent.TimestampNs, Message = loopEvent.Describe() };
        switch (loopEvent.Kind)
        {
            case ControllerEventKind.ModeChanged:
                message.ModeChanged = new V1.ModeChanged { From = ModeNames.ToProto(loopEvent.From), To = ModeNames.ToProto(loopEvent.To) };
                break;
            case ControllerEventKind.Fault:
                message.Fault = new V1.Fault { Reason = loopEvent.Fault.Describe(), SafeMode = ModeNames.ToProto(loopEvent.To) };
                break;
            case ControllerEventKind.PolicyLoaded:
                message.PolicyLoaded = new V1.PolicyLoaded { Path = policyPath ?? "" };
                break;
        }
        return message;
    }
}
