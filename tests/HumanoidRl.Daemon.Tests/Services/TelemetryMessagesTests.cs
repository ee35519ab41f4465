using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Daemon.Services;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Services;

public sealed class TelemetryMessagesTests
{
    [Fact]
    public void Loop_maps_every_controller_figure_to_its_loop_statistics_field()
    {
        // Distinct values, so a figure mapped to the wrong field shows.
        var status = new ControllerStatus(ControlMode.Policy, false, null, true, true,
            Ticks: 1001, Overruns: 2, BackendErrors: 3,
            JitterP50Us: 11, JitterP99Us: 12, JitterMaxUs: 13,
            ComputeP50Us: 21, ComputeP99Us: 22, ComputeMaxUs: 23,
            InferenceP50Us: 31, InferenceP99Us: 32, InferenceMaxUs: 33,
            PrewarmP50Us: 51, PrewarmP99Us: 52, PrewarmMaxUs: 53,
            BackendP50Us: 41, BackendP99Us: 42, BackendMaxUs: 43, LoopJitMethods: 61,
            Backend: "simulator", RealtimeNotes: []);

        var loop = TelemetryMessages.Loop(status);

        Assert.Equal((1001L, 2L, 3L), (loop.Ticks, loop.Overruns, loop.BackendErrors));
        Assert.Equal((11.0, 12.0, 13.0), (loop.PeriodJitterP50Us, loop.PeriodJitterP99Us, loop.PeriodJitterMaxUs));
        Assert.Equal((21.0, 22.0), (loop.ComputeP50Us, loop.ComputeP99Us));
        Assert.Equal((31.0, 32.0, 33.0), (loop.InferenceP50Us, loop.InferenceP99Us, loop.InferenceMaxUs));
        Assert.Equal((51.0, 52.0, 53.0), (loop.PrewarmP50Us, loop.PrewarmP99Us, loop.PrewarmMaxUs));
        Assert.Equal((41.0, 42.0), (loop.BackendP50Us, loop.BackendP99Us));
        Assert.Equal(61, loop.LoopJitMethods);
    }

    [Fact]
    public void Filling_a_used_message_replaces_every_field_and_drops_the_action_outside_policy_mode()
    {
        var state = new V1.RobotState();
        var loop = new V1.LoopStatistics { Ticks = 7 };
        TelemetryMessages.FillState(state, Sample(tick: 1, ControlMode.Policy, offset: 0), new V1.LoopStatistics());

        TelemetryMessages.FillState(state, Sample(tick: 2, ControlMode.Damping, offset: 100), loop);

        Assert.Equal((2L, 2_000L, V1.Mode.Damping), (state.Tick, state.TimeNs, state.Mode));
        Assert.Equal(Enumerable.Range(0, 4).Select(j => 200.0 + j), state.JointPositionRad);
        Assert.Equal(Enumerable.Range(0, 4).Select(j => 300.0 + j), state.JointVelocityRadPerS);
        Assert.Equal(Enumerable.Range(0, 4).Select(j => 400.0 + j), state.JointTorqueNm);
        Assert.Empty(state.PolicyAction);
        Assert.Equal((101.0, 102.0, 103.0, 104.0),
            (state.ImuOrientation.W, state.ImuOrientation.X, state.ImuOrientation.Y, state.ImuOrientation.Z));
        Assert.Equal((105.0, 106.0, 107.0), (state.ImuGyroRadPerS.X, state.ImuGyroRadPerS.Y, state.ImuGyroRadPerS.Z));
        Assert.Equal((108.0, 109.0), (state.RollRad, state.PitchRad));
        Assert.Equal((110.0, 111.0, 112.0), (state.Command.VxMPerS, state.Command.VyMPerS, state.Command.YawRateRadPerS));
        Assert.Same(loop, state.Loop);

        TelemetryMessages.FillState(state, Sample(tick: 3, ControlMode.Policy, offset: 0), loop);
        Assert.Equal(Enumerable.Range(0, 4).Select(j => 400.0 + j), state.PolicyAction);
    }

    private static TelemetrySample Sample(long tick, ControlMode mode, double offset)
    {
        var sample = new TelemetrySample(4)
        {
            Tick = tick,
            TimestampNs = tick * 1000,
            Mode = mode,
            RollRad = offset + 8,
            PitchRad = offset + 9,
        };
        for (var j = 0; j < 4; j++)
        {
            sample.JointPositionRad[j] = offset + 100 + j;
            sample.JointVelocityRadPerS[j] = offset + 200 + j;
            sample.JointTorqueNm[j] = offset + 300 + j;
            sample.Action[j] = (float)(offset + 400 + j);
        }
        for (var i = 0; i < 4; i++) sample.ImuQuaternion[i] = offset + 1 + i;
        for (var i = 0; i < 3; i++) sample.GyroRadPerS[i] = offset + 5 + i;
        for (var i = 0; i < 3; i++) sample.Command[i] = offset + 10 + i;
        return sample;
    }
}
