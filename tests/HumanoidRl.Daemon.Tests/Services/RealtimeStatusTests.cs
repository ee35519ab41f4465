using HumanoidRl.Daemon.Tests.Config;
using HumanoidRl.Daemon.Tests.Hosting;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Daemon.Tests.Services;

public sealed class RealtimeStatusTests
{
    [Fact]
    public async Task GetStatus_reports_a_note_for_each_realtime_option_requested_in_the_config()
    {
        // realtime speed: a SCHED_FIFO loop that never sleeps would take a whole core of this 2-core machine.
        await using var daemon = await RunningDaemon.StartAsync(
            simSpeed: "realtime", extra: "realtime: {fifo_priority: 10, lock_memory: true, spin_us: 200}");
        var viewer = new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken));

        // The loop thread applies the options when it starts, before its first tick.
        var status = await viewer.WaitForStatusAsync(s => s.Loop.Ticks > 0, "the first tick");

        Assert.Equal(3, status.RealtimeNotes.Count);
        Assert.Contains("busy-wait 200 us before each deadline: applied", status.RealtimeNotes);
        Assert.Contains(status.RealtimeNotes, note => note.StartsWith("SCHED_FIFO priority 10: ", StringComparison.Ordinal));
        Assert.Contains(status.RealtimeNotes, note => note.StartsWith("mlockall: ", StringComparison.Ordinal));
        Assert.All(status.RealtimeNotes, note => Assert.Matches(@": (applied|refused \(.+\))$", note));
    }

    [Fact]
    public async Task GetStatus_has_no_realtime_notes_when_the_config_requests_none()
    {
        await using var daemon = await RunningDaemon.StartAsync();
        var viewer = new DaemonClient(daemon.Channel(DaemonConfigText.ViewerToken));

        var status = await viewer.WaitForStatusAsync(s => s.Loop.Ticks > 0, "the first tick");

        Assert.Empty(status.RealtimeNotes);
    }
}
