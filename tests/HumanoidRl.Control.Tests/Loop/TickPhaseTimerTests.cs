using HumanoidRl.Control.Loop;

namespace HumanoidRl.Control.Tests.Loop;

public sealed class TickPhaseTimerTests
{
    [Fact]
    public void Backend_calls_are_summed_and_taken_out_of_the_controller_time()
    {
        var phases = new TickPhaseTimer();
        phases.StartTick(1_000);
        phases.EnterBackend(1_000);
        phases.ExitBackend(1_300);   // Read: 300 ns
        phases.EnterBackend(2_000);
        phases.ExitBackend(2_500);   // Write: 500 ns

        Assert.Equal(800, phases.BackendNs);
        Assert.Equal(1_200, phases.ControllerNs(3_000)); // 2 000 ns elapsed, 800 of them in the backend
    }

    [Fact]
    public void Starting_a_tick_forgets_the_previous_ticks_backend_time()
    {
        var phases = new TickPhaseTimer();
        phases.StartTick(0);
        phases.EnterBackend(0);
        phases.ExitBackend(700);

        phases.StartTick(10_000);

        Assert.Equal(0, phases.BackendNs);
        Assert.Equal(250, phases.ControllerNs(10_250));
    }

    [Fact]
    public void Unpaired_backend_calls_are_refused()
    {
        var phases = new TickPhaseTimer();
        phases.StartTick(0);

        Assert.Throws<InvalidOperationException>(() => phases.ExitBackend(10));
        phases.EnterBackend(10);
        Assert.Throws<InvalidOperationException>(() => phases.EnterBackend(20));
    }
}
