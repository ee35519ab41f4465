namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>
/// Retries one-off setup exchanges (ping, register read or write) after a lost or garbled reply: a single bad
/// reply must not stop a start-up, a motor check or a benchmark. Device errors are answers and are not retried.
/// </summary>
public static class SetupRetries
{
    public const int Attempts = 3;

    public static TransferResult Ping(DynamixelBus bus, byte id, out PingReply reply)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var result = bus.Ping(id, out reply);
        for (var attempt = 1; attempt < Attempts && IsLineFault(result); attempt++) result = bus.Ping(id, out reply);
        return result;
    }

    public static TransferResult Write(DynamixelBus bus, byte id, ushort address, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var result = bus.Write(id, address, data);
        for (var attempt = 1; attempt < Attempts && IsLineFault(result); attempt++) result = bus.Write(id, address, data);
        return result;
    }

    public static TransferResult Read(DynamixelBus bus, byte id, ushort address, Span<byte> data)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var result = bus.Read(id, address, data);
        for (var attempt = 1; attempt < Attempts && IsLineFault(result); attempt++) result = bus.Read(id, address, data);
        return result;
    }

    public static bool IsLineFault(TransferResult result) =>
        result.Status is TransferStatus.Timeout or TransferStatus.CrcError or TransferStatus.MalformedReply;
}
