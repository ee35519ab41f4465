using System.IO.Ports;

namespace HumanoidRl.Hardware.Serial;

/// <summary>
/// <see cref="ISerialTransport"/> over System.IO.Ports (8N1, no handshake). On Linux the low-latency setup runs
/// before the port is opened and its outcome is kept in <see cref="LowLatency"/>; a pseudo-terminal or an adapter
/// without the ioctl is reported there, not thrown.
/// </summary>
public sealed class SerialPortTransport : ISerialTransport
{
    private readonly SerialPort _port;
    private readonly byte[] _readBuffer;
    private readonly byte[] _writeBuffer;
    private int _readTimeoutMs = -2;

    private SerialPortTransport(SerialPort port, LowLatencyReport lowLatency, int bufferBytes)
    {
        _port = port;
        LowLatency = lowLatency;
        _readBuffer = new byte[bufferBytes];
        _writeBuffer = new byte[bufferBytes];
    }

    public string Name => _port.PortName;

    public int BaudRate => _port.BaudRate;

    /// <summary>Whether the USB-serial latency could be brought down to 1 ms, and if not, why.</summary>
    public LowLatencyReport LowLatency { get; }

    /// <summary>Opens <paramref name="portPath"/> at <paramref name="baudRate"/> with the given write timeout.</summary>
    /// <exception cref="SerialTransportException">The port does not exist, is busy, or refuses the settings.</exception>
    public static SerialPortTransport Open(string portPath, int baudRate, int writeTimeoutMs = 100, int bufferBytes = 4096)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portPath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(writeTimeoutMs);
        // Before opening: System.IO.Ports takes the port exclusively (TIOCEXCL), so a second descriptor would be refused.
        var lowLatency = OperatingSystem.IsLinux() ? LinuxLowLatency.Apply(portPath) : LowLatencyReport.NotApplicable(portPath);
        var port = new SerialPort(portPath, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            WriteTimeout = writeTimeoutMs,
            ReadTimeout = 1,
        };
        try
        {
            port.Open();
        }
        catch (Exception exception)
            when (exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new SerialTransportException(
                $"cannot open serial port '{portPath}' at {baudRate} baud: {exception.Message} " +
                "(does the device exist, is it used by another process, is this user in the 'dialout' group?)", exception);
        }
        var transport = new SerialPortTransport(port, lowLatency, bufferBytes);
        transport.DiscardInput();
        return transport;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _writeBuffer.Length)
        {
            throw new ArgumentException(
                $"{bytes.Length} bytes exceed the {_writeBuffer.Length}-byte write buffer of {Name}", nameof(bytes));
        }
        bytes.CopyTo(_writeBuffer);
        try
        {
            _port.Write(_writeBuffer, 0, bytes.Length);
        }
        catch (TimeoutException exception)
        {
            DiscardBoth();
            throw new SerialTransportException(
                $"write of {bytes.Length} bytes to {Name} did not finish within {_port.WriteTimeout} ms", exception);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            throw new SerialTransportException($"write to {Name} failed: {exception.Message}", exception);
        }
    }

    public int Read(Span<byte> destination, int timeoutMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMs);
        var count = Math.Min(destination.Length, _readBuffer.Length);
        if (count == 0) return 0;
        // A zero ReadTimeout means "return what is there" for System.IO.Ports; keep at least 1 ms so it waits.
        var timeout = Math.Max(1, timeoutMs);
        if (timeout != _readTimeoutMs)
        {
            _port.ReadTimeout = timeout;
            _readTimeoutMs = timeout;
        }
        int read;
        try
        {
            read = _port.Read(_readBuffer, 0, count);
        }
        catch (TimeoutException)
        {
            return 0;
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            throw new SerialTransportException($"read from {Name} failed: {exception.Message}", exception);
        }
        _readBuffer.AsSpan(0, read).CopyTo(destination);
        return read;
    }

    public void DiscardInput()
    {
        try
        {
            _port.DiscardInBuffer();
        }
        catch (IOException exception)
        {
            throw new SerialTransportException($"flushing the receive buffer of {Name} failed: {exception.Message}", exception);
        }
    }

    public void Dispose() => _port.Dispose();

    private void DiscardBoth()
    {
        try
        {
            _port.DiscardOutBuffer();
            _port.DiscardInBuffer();
        }
        catch (IOException)
        {
            // Best effort after a failed write: the caller already gets the write error.
        }
    }
}
