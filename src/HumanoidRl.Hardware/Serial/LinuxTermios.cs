using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using static HumanoidRl.Hardware.Serial.LinuxSerialNative;
using static HumanoidRl.Shared.Libc;

namespace HumanoidRl.Hardware.Serial;

/// <summary>
/// Raw 8N1 line settings through TCGETS2/TCSETS2 with BOTHER, so any baud rate (4000000, 4500000, ...) is set
/// as a number instead of a Bxxx constant. Throws <see cref="SerialTransportException"/> naming the port.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class LinuxTermios
{
    // asm-generic/termbits.h
    private const uint IgnoreBreak = 0x1, BreakInterrupt = 0x2, MarkParity = 0x8, StripBit8 = 0x20;
    private const uint MapNewlineToReturn = 0x40, IgnoreReturn = 0x80, MapReturnToNewline = 0x100;
    private const uint XonXoffOutput = 0x400, RestartOnAny = 0x800, XonXoffInput = 0x1000;
    private const uint PostProcessOutput = 0x1;
    private const uint BaudMask = 0x100F, InputBaudMask = 0x100F0000, SizeMask = 0x30, EightBits = 0x30;
    private const uint TwoStopBits = 0x40, EnableReceiver = 0x80, ParityEnable = 0x100, IgnoreModemLines = 0x800;
    private const uint OtherBaud = 0x1000, HardwareFlowControl = 0x80000000;
    private const uint Signals = 0x1, Canonical = 0x2, Echo = 0x8, EchoNewline = 0x40, ExtendedInput = 0x8000;
    private const int TimeIndex = 5, MinIndex = 6;

    public static unsafe void MakeRaw(int fd, int baudRate, string portPath)
    {
        Termios2 settings;
        if (IoControl(fd, GetTermios2Request, &settings) != 0) throw Failure("TCGETS2", portPath);
        settings.InputFlags &= ~(IgnoreBreak | BreakInterrupt | MarkParity | StripBit8 | MapNewlineToReturn | IgnoreReturn
            | MapReturnToNewline | XonXoffOutput | RestartOnAny | XonXoffInput);
        settings.OutputFlags &= ~PostProcessOutput;
        settings.LocalFlags &= ~(Echo | EchoNewline | Canonical | Signals | ExtendedInput);
        settings.ControlFlags &= ~(SizeMask | ParityEnable | TwoStopBits | HardwareFlowControl | BaudMask | InputBaudMask);
        settings.ControlFlags |= EightBits | EnableReceiver | IgnoreModemLines | OtherBaud;
        settings.InputSpeed = (uint)baudRate;
        settings.OutputSpeed = (uint)baudRate;
        // poll() does the waiting: read() returns at once with what is there.
        settings.ControlCharacters[MinIndex] = 0;
        settings.ControlCharacters[TimeIndex] = 0;
        if (IoControl(fd, SetTermios2Request, &settings) != 0) throw Failure($"TCSETS2 ({baudRate} baud, raw 8N1)", portPath);
        if (IoControl(fd, GetTermios2Request, &settings) != 0) throw Failure("TCGETS2", portPath);
        if (settings.OutputSpeed != (uint)baudRate)
        {
            throw new SerialTransportException(
                $"{portPath}: the driver set {settings.OutputSpeed} baud instead of {baudRate}; the adapter does not support that rate");
        }
    }

    private static SerialTransportException Failure(string call, string portPath) =>
        new($"{call} on {portPath} failed: {DescribeErrno(Marshal.GetLastPInvokeError())}");
}
