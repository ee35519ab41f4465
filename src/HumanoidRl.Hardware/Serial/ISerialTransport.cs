namespace HumanoidRl.Hardware.Serial;

/// <summary>
/// The byte layer under the packet layer: a half-duplex serial line with bounded waits. Implemented by
/// <see cref="SerialPortTransport"/> for real adapters (and pseudo-terminals), and by in-memory byte streams in tests.
/// </summary>
public interface ISerialTransport : IDisposable
{
    /// <summary>Device path or other name for messages, e.g. /dev/ttyUSB0.</summary>
    string Name { get; }

    int BaudRate { get; }

    /// <summary>Sends all bytes or throws <see cref="SerialTransportException"/> when the write timeout elapses.</summary>
    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>
    /// Waits at most <paramref name="timeoutMs"/> for at least one byte and returns how many were read (0 on timeout).
    /// </summary>
    int Read(Span<byte> destination, int timeoutMs);

    /// <summary>Discards bytes received but not read (after an error, so stale bytes cannot pair with the next request).</summary>
    void DiscardInput();
}
