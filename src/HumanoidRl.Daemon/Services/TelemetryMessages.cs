using HumanoidRl.Control.Controller;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Services;

/// <summary>The controller's telemetry, status and events as wire messages.</summary>
public static class TelemetryMessages
{
    /// <summary>Writes a sample into a message, reusing its sub-messages and the capacity of its repeated fields.</summary>
    public static void FillState(V1.RobotState state, TelemetrySample sample, V1.LoopStatistics loop)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(sample);
        state.Tick = sample.Tick;
        state.TimeNs = sample.TimestampNs;
        state.Mode = ModeNames.ToProto(sample.Mode);
        var orientation = state.ImuOrientation ??= new V1.Quaternion();
        (orientation.W, orientation.X, orientation.Y, orientation.Z) = (sample.ImuQuaternion[0], sample.ImuQuaternion[1],
            sample.ImuQuaternion[2], sample.ImuQuaternion[3]);
        var gyro = state.ImuGyroRadPerS ??= new V1.Vector3();
        (gyro.X, gyro.Y, gyro.Z) = (sample.GyroRadPerS[0], sample.GyroRadPerS[1], sample.GyroRadPerS[2]);
        state.RollRad = sample.RollRad;
        state.PitchRad = sample.PitchRad;
        FillCommand(state.Command ??= new V1.VelocityCommand(), sample);
        state.Loop = loop;
        Refill(state.JointPositionRad, sample.JointPositionRad);
        Refill(state.JointVelocityRadPerS, sample.JointVelocityRadPerS);
        Refill(state.JointTorqueNm, sample.JointTorqueNm);
        state.PolicyAction.Clear();
        if (sample.Mode == Control.Modes.ControlMode.Policy)
        {
            foreach (var action in sample.Action) state.PolicyAction.Add(action);
        }
    }

    private static void Refill(Google.Protobuf.Collections.RepeatedField<double> field, double[] values)
    {
        field.Clear();
        foreach (var value in values) field.Add(value);
    }

    public static V1.VelocityCommand Command(TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var command = new V1.VelocityCommand();
        FillCommand(command, sample);
        return command;
    }

    private static void FillCommand(V1.VelocityCommand command, TelemetrySample sample) =>
        (command.VxMPerS, command.VyMPerS, command.YawRateRadPerS) = (sample.Command[0], sample.Command[1], sample.Command[2]);

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
