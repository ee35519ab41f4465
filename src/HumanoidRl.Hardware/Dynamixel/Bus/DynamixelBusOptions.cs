namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>Timing of a <see cref="DynamixelBus"/>.</summary>
public sealed record DynamixelBusOptions
{
    /// <summary>
    /// Added to the wire time of the expected reply: covers Return Delay Time, the USB latency timer and
    /// scheduling. 5 ms suits a tuned adapter with RDT = 0; a pseudo-terminal on a busy machine needs more.
    /// </summary>
    public int ReplyTimeoutMarginMs { get; init; } = 5;

    /// <summary>How long a broadcast Ping (scan) collects replies.</summary>
    public int ScanTimeoutMs { get; init; } = 100;

    /// <summary>Largest packet sent or received.</summary>
    public int BufferBytes { get; init; } = 4096;
}
