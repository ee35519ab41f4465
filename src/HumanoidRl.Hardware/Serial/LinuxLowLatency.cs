using System.Globalization;
using System.Runtime.Versioning;
using HumanoidRl.Shared;

namespace HumanoidRl.Hardware.Serial;

/// <summary>
/// Sets ASYNC_LOW_LATENCY through TIOCGSERIAL/TIOCSSERIAL, then checks the adapter's latency timer in sysfs:
/// FTDI adapters buffer received bytes for up to 16 ms by default, which alone breaks a 500 Hz loop.
/// Every failure becomes a <see cref="LowLatencyReport"/>; nothing here throws.
/// </summary>
[SupportedOSPlatform("linux")]
public static class LinuxLowLatency
{
    /// <summary>Where the USB-serial drivers expose the latency timer of <c>/dev/&lt;tty&gt;</c>.</summary>
    public static string LatencyTimerPath(string ttyName) => $"/sys/bus/usb-serial/devices/{ttyName}/latency_timer";

    public static LowLatencyReport Apply(string portPath) => Apply(portPath, LatencyTimerPath);

    /// <summary>As <see cref="Apply(string)"/>, with the sysfs location replaceable (tests point it at a temporary file).</summary>
    public static LowLatencyReport Apply(string portPath, Func<string, string> latencyTimerPathOfTty)
    {
        ArgumentNullException.ThrowIfNull(latencyTimerPathOfTty);
        var devicePath = ResolveDevice(portPath);
        var ttyName = Path.GetFileName(devicePath);
        var ioctlProblem = SetLowLatencyFlag(devicePath);
        var timerPath = latencyTimerPathOfTty(ttyName);
        var timerMs = ReadLatencyTimer(timerPath);

        if (timerMs is > 1)
        {
            return new LowLatencyReport(portPath, LowLatencyState.StillBuffering, timerMs,
                $"WARNING: {devicePath} still buffers received bytes for {timerMs} ms ({timerPath}); " +
                $"a reply then takes >= {timerMs} ms. Fix: echo 1 | sudo tee {timerPath} (or a udev rule)" +
                (ioctlProblem is null ? "" : $"; ASYNC_LOW_LATENCY could not be set: {ioctlProblem}"));
        }
        if (ioctlProblem is not null)
        {
            return new LowLatencyReport(portPath, LowLatencyState.NotSupported, timerMs,
                $"{devicePath}: ASYNC_LOW_LATENCY not set ({ioctlProblem}); normal for a pseudo-terminal or a CDC-ACM adapter, " +
                $"which have no latency timer" + (timerMs is null ? "" : $"; {timerPath} = {timerMs} ms"));
        }
        return new LowLatencyReport(portPath, LowLatencyState.Applied, timerMs,
            $"{devicePath}: ASYNC_LOW_LATENCY set" + (timerMs is null ? " (no latency_timer in sysfs)" : $"; {timerPath} = {timerMs} ms"));
    }

    private static string ResolveDevice(string portPath)
    {
        try
        {
            var target = new FileInfo(portPath).ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? portPath;
        }
        catch (IOException)
        {
            return portPath;
        }
    }

    /// <summary>Returns null on success, else what failed.</summary>
    private static unsafe string? SetLowLatencyFlag(string devicePath)
    {
        var fd = Libc.Open(devicePath,
            LinuxSerialNative.OpenReadWrite | LinuxSerialNative.OpenNoControllingTerminal |
            LinuxSerialNative.OpenNonBlocking | LinuxSerialNative.OpenCloseOnExec);
        if (fd < 0) return $"open failed: {Libc.DescribeErrno(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}";
        try
        {
            var serial = stackalloc byte[LinuxSerialNative.SerialStructSize];
            if (Libc.IoControl(fd, LinuxSerialNative.GetSerialInfoRequest, serial) != 0)
            {
                return "TIOCGSERIAL failed: " +
                    $"{Libc.DescribeErrno(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}";
            }
            var flags = (int*)(serial + LinuxSerialNative.SerialStructFlagsOffset);
            *flags |= LinuxSerialNative.AsyncLowLatencyFlag;
            if (Libc.IoControl(fd, LinuxSerialNative.SetSerialInfoRequest, serial) != 0)
            {
                return "TIOCSSERIAL failed: " +
                    $"{Libc.DescribeErrno(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}";
            }
            return null;
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }

    private static int? ReadLatencyTimer(string path)
    {
        try
        {
            return File.Exists(path)
                && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                ? ms
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
