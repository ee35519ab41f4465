using HumanoidRl.Hardware.Serial;
using HumanoidRl.Hardware.Virtual;

namespace HumanoidRl.Hardware.Tests.Serial;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LinuxLowLatencyTests
{
    [Fact]
    public void Adapter_latency_timer_above_1_ms_is_a_warning_that_names_the_sysfs_file()
    {
        using var terminal = PseudoTerminalPair.Open();
        var timerFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(timerFile, "16\n");

            var report = LinuxLowLatency.Apply(terminal.DevicePath, _ => timerFile);

            Assert.Equal(LowLatencyState.StillBuffering, report.State);
            Assert.Equal(16, report.LatencyTimerMs);
            Assert.Contains(timerFile, report.Detail, StringComparison.Ordinal);
            Assert.Contains("16 ms", report.Detail, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(timerFile);
        }
    }

    [Fact]
    public void Sysfs_path_of_a_tty_is_the_usb_serial_latency_timer() =>
        Assert.Equal("/sys/bus/usb-serial/devices/ttyUSB0/latency_timer", LinuxLowLatency.LatencyTimerPath("ttyUSB0"));
}
