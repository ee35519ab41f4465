using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using HumanoidRl.Shared;
using static HumanoidRl.Shared.Libc;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>
/// A pseudo-terminal pair: <see cref="DevicePath"/> (/dev/pts/N) is what a serial driver opens as if it were a
/// USB adapter; the emulator reads and writes the controller side. Both sides are raw (no echo, no line editing).
/// The device side is kept open here so the pair survives the driver closing and reopening it.
/// Optionally a symlink (<see cref="LinkPath"/>) gives the device a stable name.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PseudoTerminalPair : IDisposable
{
    /// <summary>Larger than struct termios (60 bytes on Linux); only passed through to libc.</summary>
    private const int TermiosBufferBytes = 128;
    private const int SetNow = 0; // TCSANOW

    private readonly int _controllerFd;
    private readonly int _deviceFd;
    private bool _disposed;

    private PseudoTerminalPair(int controllerFd, int deviceFd, string devicePath, string? linkPath)
    {
        _controllerFd = controllerFd;
        _deviceFd = deviceFd;
        DevicePath = devicePath;
        LinkPath = linkPath;
    }

    /// <summary>The device side, e.g. /dev/pts/7.</summary>
    public string DevicePath { get; }

    /// <summary>The symlink to <see cref="DevicePath"/>, if one was asked for.</summary>
    public string? LinkPath { get; }

    /// <summary>The path a driver should open: the link if there is one.</summary>
    public string PortPath => LinkPath ?? DevicePath;

    /// <summary>Opens a raw pair; <paramref name="linkPath"/> (optional) is created as a symlink to the device side.</summary>
    /// <exception cref="IOException">openpty/termios failed, or the link could not be created (the path exists and is not a symlink, its
    /// folder is missing or not writable).</exception>
    public static unsafe PseudoTerminalPair Open(string? linkPath = null)
    {
        int controller, device;
        if (OpenPty(&controller, &device, null, null, null) != 0)
        {
            throw new IOException($"openpty failed: {Describe(Marshal.GetLastPInvokeError())}");
        }
        try
        {
            MakeRawTerminal(device);
            MakeRawTerminal(controller);
            var name = stackalloc byte[256];
            var nameError = TtyName(device, name, 256);
            if (nameError != 0) throw new IOException($"ttyname_r failed: {Describe(nameError)}");
            var devicePath = Marshal.PtrToStringUTF8((nint)name) ?? throw new IOException("ttyname_r returned no name");
            if (linkPath is not null) CreateLink(linkPath, devicePath);
            return new PseudoTerminalPair(controller, device, devicePath, linkPath);
        }
        catch
        {
            _ = Close(controller);
            _ = Close(device);
            throw;
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for bytes from the driver; returns how many were read (0 on timeout).</summary>
    public unsafe int Read(Span<byte> destination, int timeoutMs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var descriptor = new PollDescriptor { Fd = _controllerFd, Events = PollIn };
        var ready = Poll(&descriptor, 1, timeoutMs);
        if (ready < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == InterruptedErrno ? 0
                : throw new IOException($"poll on the pseudo-terminal {DevicePath} failed: {Describe(errno)}");
        }
        if (ready == 0) return 0;
        fixed (byte* buffer = destination)
        {
            var read = Libc.Read(_controllerFd, buffer, (nuint)destination.Length);
            if (read >= 0) return (int)read;
            var errno = Marshal.GetLastPInvokeError();
            return errno is InterruptedErrno or WouldBlockErrno ? 0
                : throw new IOException($"read from the pseudo-terminal {DevicePath} failed: {Describe(errno)}");
        }
    }

    /// <summary>Sends bytes to the driver.</summary>
    public unsafe void Write(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        fixed (byte* buffer = bytes)
        {
            var sent = 0;
            while (sent < bytes.Length)
            {
                var written = Libc.Write(_controllerFd, buffer + sent, (nuint)(bytes.Length - sent));
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == InterruptedErrno) continue;
                    throw new IOException($"write to the pseudo-terminal {DevicePath} failed: {Describe(errno)}");
                }
                sent += (int)written;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (LinkPath is not null && File.ResolveLinkTarget(LinkPath, false) is not null) File.Delete(LinkPath);
        _ = Close(_controllerFd);
        _ = Close(_deviceFd);
    }

    private static unsafe void MakeRawTerminal(int fd)
    {
        var termios = stackalloc byte[TermiosBufferBytes];
        if (GetAttributes(fd, termios) != 0)
            throw new IOException($"tcgetattr on a pseudo-terminal failed: {Describe(Marshal.GetLastPInvokeError())}");
        MakeRaw(termios);
        if (SetAttributes(fd, SetNow, termios) != 0)
            throw new IOException($"tcsetattr on a pseudo-terminal failed: {Describe(Marshal.GetLastPInvokeError())}");
    }

    private static void CreateLink(string linkPath, string devicePath)
    {
        var existing = new FileInfo(linkPath);
        var exists = existing.Exists || existing.LinkTarget is not null;
        if (exists && existing.LinkTarget is null)
            throw new IOException($"link path '{linkPath}' exists and is not a symlink; refusing to replace it");
        try
        {
            if (exists) existing.Delete();
            File.CreateSymbolicLink(linkPath, devicePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create the link '{linkPath}' -> {devicePath} (does its folder exist and is it writable?): " +
                $"{exception.Message}", exception);
        }
    }

    private static string Describe(int errno) => $"errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";
}
