namespace HumanoidRl.Hardware.Serial;

/// <summary>Outcome of the USB-serial low-latency setup.</summary>
public enum LowLatencyState
{
    /// <summary>ASYNC_LOW_LATENCY is set and the adapter's latency timer (if it has one) is 1 ms.</summary>
    Applied,

    /// <summary>The device does not take the serial ioctls (a pseudo-terminal, a CDC-ACM adapter): nothing was changed.</summary>
    NotSupported,

    /// <summary>The ioctl worked or not, but the adapter's latency timer still buffers more than 1 ms.</summary>
    StillBuffering,

    /// <summary>Not Linux: no setup attempted.</summary>
    NotApplicable,
}

/// <summary>What the low-latency setup did to <paramref name="Port"/>; <paramref name="Detail"/> is meant for an operator.</summary>
public sealed record LowLatencyReport(string Port, LowLatencyState State, int? LatencyTimerMs, string Detail)
{
    public static LowLatencyReport NotApplicable(string port) =>
        new(port, LowLatencyState.NotApplicable, null, $"{port}: low-latency setup is only done on Linux");
}
