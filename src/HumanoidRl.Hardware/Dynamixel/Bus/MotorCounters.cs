namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>Per-device communication counters since the bus was opened (or <see cref="BusCounters.Reset"/>).</summary>
public record struct MotorCounters
{
    public long Replies { get; internal set; }

    public long Timeouts { get; internal set; }

    public long CrcErrors { get; internal set; }

    /// <summary>Replies with the Alert bit set: the device has a hardware error (overload, overheating, ...).</summary>
    public long HardwareErrorAlerts { get; internal set; }

    /// <summary>Replies with a non-zero error number (range, access, instruction, ...).</summary>
    public long DeviceErrors { get; internal set; }

    public long MalformedReplies { get; internal set; }

    /// <summary>Timeouts, CRC errors and malformed replies in a row; 0 after any good reply.</summary>
    public int ConsecutiveFailures { get; internal set; }
}

/// <summary>
/// Counters of every device ID (0..252) plus bus-wide ones. Written by the thread that owns the bus; other
/// threads may read a torn snapshot, which is acceptable for monitoring.
/// </summary>
public sealed class BusCounters
{
    private readonly MotorCounters[] _motors = new MotorCounters[Protocol.PacketLayout.MaxDeviceId + 1];

    /// <summary>Bytes thrown away while looking for a header (noise, broken packets).</summary>
    public long DiscardedBytes { get; internal set; }

    /// <summary>Input flushes done after an error, before the next request.</summary>
    public long Flushes { get; internal set; }

    public MotorCounters this[byte id] => _motors[CheckId(id)];

    public void Reset()
    {
        Array.Clear(_motors);
        DiscardedBytes = 0;
        Flushes = 0;
    }

    internal void Record(byte id, TransferResult result)
    {
        ref var counters = ref _motors[CheckId(id)];
        switch (result.Status)
        {
            case TransferStatus.Ok:
            case TransferStatus.DeviceError:
                counters.Replies++;
                counters.ConsecutiveFailures = 0;
                if (result.Status == TransferStatus.DeviceError) counters.DeviceErrors++;
                if (result.Error.Alert) counters.HardwareErrorAlerts++;
                break;
            case TransferStatus.Timeout:
                counters.Timeouts++;
                counters.ConsecutiveFailures++;
                break;
            case TransferStatus.CrcError:
                counters.CrcErrors++;
                counters.ConsecutiveFailures++;
                break;
            case TransferStatus.MalformedReply:
                counters.MalformedReplies++;
                counters.ConsecutiveFailures++;
                break;
            case TransferStatus.NotAttempted:
                break;
        }
    }

    private static int CheckId(byte id) => id <= Protocol.PacketLayout.MaxDeviceId
        ? id
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"device IDs are 0..{Protocol.PacketLayout.MaxDeviceId}");
}
