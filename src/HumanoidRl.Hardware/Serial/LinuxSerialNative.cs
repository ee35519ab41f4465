using System.Runtime.InteropServices;

namespace HumanoidRl.Hardware.Serial;

/// <summary>The few libc calls the Linux low-latency setup needs (x86-64 and arm64 share these constants).</summary>
internal static partial class LinuxSerialNative
{
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

    internal static string DescribeErrno(int errno) => $"errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";
}
