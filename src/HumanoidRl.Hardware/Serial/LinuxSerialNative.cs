using System.Runtime.InteropServices;

namespace HumanoidRl.Hardware.Serial;

/// <summary>
/// The libc calls of the Linux serial transport and the low-latency setup. Constants are the asm-generic ones,
/// which x86-64 and arm64 share.
/// </summary>
internal static partial class LinuxSerialNative
{
    internal const int InterruptedErrno = 4; // EINTR
    internal const int WouldBlockErrno = 11; // EAGAIN
    internal const short PollIn = 0x1;
    internal const short PollOut = 0x4;
    internal const short PollError = 0x8;
    internal const short PollHangUp = 0x10;

    internal const nuint GetTermios2Request = 0x802C542A; // TCGETS2
    internal const nuint SetTermios2Request = 0x402C542B; // TCSETS2
    internal const nuint ExclusiveRequest = 0x540C; // TIOCEXCL
    internal const int FlushInput = 0; // TCIFLUSH
    internal const int FlushOutput = 1; // TCOFLUSH

    internal const int OpenReadWrite = 0x2;
    internal const int OpenNoControllingTerminal = 0x100;
    internal const int OpenNonBlocking = 0x800;
    internal const int OpenCloseOnExec = 0x80000;

    internal const nuint GetSerialInfoRequest = 0x541E; // TIOCGSERIAL
    internal const nuint SetSerialInfoRequest = 0x541F; // TIOCSSERIAL

    /// <summary>sizeof(struct serial_struct) on 64-bit Linux; <c>flags</c> is the int at byte 16.</summary>
    internal const int SerialStructSize = 72;
    internal const int SerialStructFlagsOffset = 16;
    internal const int AsyncLowLatencyFlag = 0x2000; // ASYNC_LOW_LATENCY

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int IoControl(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    internal static partial int Flush(int fd, int queue);

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>struct termios2 (asm-generic/termbits.h): termios plus explicit input and output speeds for BOTHER.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct Termios2
    {
        public uint InputFlags;
        public uint OutputFlags;
        public uint ControlFlags;
        public uint LocalFlags;
        public byte LineDiscipline;
        public fixed byte ControlCharacters[19];
        public uint InputSpeed;
        public uint OutputSpeed;
    }

    internal static string DescribeErrno(int errno) => $"errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";
}
