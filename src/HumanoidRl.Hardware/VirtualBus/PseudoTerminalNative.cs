using System.Runtime.InteropServices;

namespace HumanoidRl.Hardware.VirtualBus;

/// <summary>libc calls for pseudo-terminal pairs (glibc >= 2.34 has openpty in libc itself).</summary>
internal static partial class PseudoTerminalNative
{
    /// <summary>Larger than struct termios (60 bytes on Linux); only passed through to libc.</summary>
    internal const int TermiosBufferBytes = 128;
    internal const int SetNow = 0; // TCSANOW
    internal const short PollIn = 0x1;
    internal const int InterruptedErrno = 4; // EINTR
    internal const int WouldBlockErrno = 11; // EAGAIN

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "openpty", SetLastError = true)]
    internal static unsafe partial int OpenPty(int* controller, int* device, byte* name, void* termios, void* windowSize);

    [LibraryImport("libc", EntryPoint = "ttyname_r")]
    internal static unsafe partial int TtyName(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    internal static unsafe partial int GetAttributes(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    internal static unsafe partial int SetAttributes(int fd, int when, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    internal static unsafe partial void MakeRaw(byte* termios);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
