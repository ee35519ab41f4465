using System.Runtime.InteropServices;

namespace HumanoidRl.Hardware.Serial;

/// <summary>
/// The ioctl requests, open flags and kernel structures of the Linux serial transport and the low-latency setup (the calls
/// themselves are in <see cref="Shared.Libc"/>). Constants are the asm-generic ones, which x86-64 and arm64 share.
/// </summary>
internal static class LinuxSerialNative
{
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
}
