using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using HumanoidRl.Shared;
using static HumanoidRl.Hardware.Serial.LinuxSerialNative;
using static HumanoidRl.Shared.Libc;

namespace HumanoidRl.Hardware.Serial;

/// <summary>
/// <see cref="ISerialTransport"/> straight on the tty: open(O_RDWR|O_NOCTTY|O_NONBLOCK), raw 8N1 at any baud rate
/// (termios2/BOTHER), and poll() + read()/write() bounded by a deadline. Unlike System.IO.Ports on Linux it
/// allocates nothing per call and a read never returns later than its timeout (plus scheduling).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxSerialTransport : ISerialTransport
{
    private readonly int _writeTimeoutMs;
    private int _fd;

    private LinuxSerialTransport(int fd, string name, int baudRate, int writeTimeoutMs, LowLatencyReport lowLatency)
    {
        _fd = fd;
        Name = name;
        BaudRate = baudRate;
        _writeTimeoutMs = writeTimeoutMs;
        LowLatency = lowLatency;
    }

    public string Name { get; }

    public int BaudRate { get; }

    /// <summary>Whether the USB-serial latency could be brought down to 1 ms, and if not, why.</summary>
    public LowLatencyReport LowLatency { get; }

    /// <summary>Opens <paramref name="portPath"/> exclusively at <paramref name="baudRate"/>, raw 8N1, input flushed.</summary>
    /// <exception cref="SerialTransportException">The port does not exist, is busy, or refuses the settings.</exception>
    public static LinuxSerialTransport Open(string portPath, int baudRate, int writeTimeoutMs = 100)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portPath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(writeTimeoutMs);
        // Before taking the port exclusively: the setup opens its own descriptor.
        var lowLatency = LinuxLowLatency.Apply(portPath);
        var fd = Libc.Open(portPath, OpenReadWrite | OpenNoControllingTerminal | OpenNonBlocking | OpenCloseOnExec);
        if (fd < 0)
        {
            throw new SerialTransportException(
                $"cannot open serial port '{portPath}': {DescribeErrno(Marshal.GetLastPInvokeError())} " +
                "(does the device exist, is it used by another process, is this user in the 'dialout' group?)");
        }
        try
        {
            unsafe
            {
                // Like System.IO.Ports: a second open fails (except for root, whom the kernel lets through).
                if (IoControl(fd, ExclusiveRequest, null) != 0)
                {
                    throw new SerialTransportException($"TIOCEXCL on {portPath} failed: {DescribeErrno(Marshal.GetLastPInvokeError())}");
                }
            }
            LinuxTermios.MakeRaw(fd, baudRate, portPath);
            var transport = new LinuxSerialTransport(fd, portPath, baudRate, writeTimeoutMs, lowLatency);
            transport.DiscardInput();
            return transport;
        }
        catch
        {
            _ = Close(fd);
            throw;
        }
    }

    public unsafe void Write(ReadOnlySpan<byte> bytes)
    {
        var fd = CheckOpen();
        var deadline = Stopwatch.GetTimestamp() + (_writeTimeoutMs * Stopwatch.Frequency / 1000);
        fixed (byte* buffer = bytes)
        {
            var sent = 0;
            while (sent < bytes.Length)
            {
                var written = Libc.Write(fd, buffer + sent, (nuint)(bytes.Length - sent));
                if (written > 0)
                {
                    sent += (int)written;
                    continue;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (written < 0 && errno == InterruptedErrno) continue;
                if (written < 0 && errno != WouldBlockErrno)
                    throw new SerialTransportException($"write to {Name} failed: {DescribeErrno(errno)}");
                // The output queue is full: wait for room, but not past the deadline.
                var remainingMs = RemainingMs(deadline);
                if (remainingMs <= 0 || WaitFor(fd, PollOut, remainingMs) == 0)
                {
                    _ = Libc.Flush(fd, FlushOutput);
                    throw new SerialTransportException(
                        $"write of {bytes.Length} bytes to {Name} did not finish within {_writeTimeoutMs} ms ({sent} sent)");
                }
            }
        }
    }

    public unsafe int Read(Span<byte> destination, int timeoutMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMs);
        var fd = CheckOpen();
        if (destination.IsEmpty) return 0;
        fixed (byte* buffer = destination)
        {
            // Bytes already queued are returned without a system call for poll.
            var read = Libc.Read(fd, buffer, (nuint)destination.Length);
            if (read > 0) return (int)read;
            CheckReadError(read);
            if (timeoutMs == 0 || WaitFor(fd, PollIn, timeoutMs) == 0) return 0;
            read = Libc.Read(fd, buffer, (nuint)destination.Length);
            if (read > 0) return (int)read;
            CheckReadError(read);
            return 0;
        }
    }

    public void DiscardInput()
    {
        if (Libc.Flush(CheckOpen(), FlushInput) != 0)
        {
            throw new SerialTransportException(
                $"flushing the receive buffer of {Name} failed: {DescribeErrno(Marshal.GetLastPInvokeError())}");
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) _ = Close(fd);
    }

    private void CheckReadError(nint read)
    {
        if (read == 0) return; // a hung-up pseudo-terminal reads 0 bytes; the next poll reports it
        var errno = Marshal.GetLastPInvokeError();
        if (errno is WouldBlockErrno or InterruptedErrno) return;
        throw new SerialTransportException($"read from {Name} failed: {DescribeErrno(errno)}");
    }

    /// <summary>poll() for <paramref name="events"/>; returns 0 on timeout. Errors and hang-ups throw: the device is gone.</summary>
    private unsafe int WaitFor(int fd, short events, int timeoutMs)
    {
        var descriptor = new PollDescriptor { Fd = fd, Events = events };
        var ready = Poll(&descriptor, 1, timeoutMs);
        if (ready < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == InterruptedErrno ? 0 : throw new SerialTransportException($"poll on {Name} failed: {DescribeErrno(errno)}");
        }
        if (ready > 0 && (descriptor.ReturnedEvents & events) == 0 && (descriptor.ReturnedEvents & (PollError | PollHangUp)) != 0)
        {
            throw new SerialTransportException(
                $"{Name} reports an error or hang-up (poll events 0x{descriptor.ReturnedEvents:X}); was the adapter unplugged?");
        }
        return ready;
    }

    private static int RemainingMs(long deadline) =>
        (int)Math.Max(0, (deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency);

    private int CheckOpen()
    {
        var fd = Volatile.Read(ref _fd);
        ObjectDisposedException.ThrowIf(fd < 0, this);
        return fd;
    }
}
