using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;
using HumanoidRl.Daemon.Services;

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
}
