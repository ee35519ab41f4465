using System.Runtime.InteropServices;

namespace HumanoidRl.Shared;

/// <summary>
/// Every libc call of the project outside MuJoCo's own bindings, in one file linked into each assembly that needs one
/// (internal, so each assembly holds its own copy of the stubs). Constants are the asm-generic ones, which x86-64 and arm64 share.
/// </summary>
internal static partial class Libc
{
    internal const int NoSuchProcessErrno = 3; // ESRCH
    internal const int InterruptedErrno = 4; // EINTR
    internal const int WouldBlockErrno = 11; // EAGAIN

    internal const short PollIn = 0x1;
    internal const short PollOut = 0x4;
    internal const short PollError = 0x8;
    internal const short PollHangUp = 0x10;

    internal const int ClockMonotonic = 1; // CLOCK_MONOTONIC
    internal const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID
    internal const int TimerAbsoluteTime = 1; // TIMER_ABSTIME

    private const long NsPerSecond = 1_000_000_000;

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;

        public readonly long TotalNs => (Seconds * NsPerSecond) + Nanoseconds;

        public static Timespec FromNs(long ns) => new() { Seconds = ns / NsPerSecond, Nanoseconds = ns % NsPerSecond };
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SchedParam
    {
        public int Priority;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>CLOCK_MONOTONIC in ns: the clock of the control loop and of every sensor frame's timestamp.</summary>
    internal static long MonotonicNowNs()
    {
        _ = ClockGetTime(ClockMonotonic, out var now);
        return now.TotalNs;
    }

    internal static string DescribeErrno(int errno) => $"errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";

    // Time.

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    internal static partial int ClockGetTime(int clockId, out Timespec time);

    /// <summary>Returns the error number itself (0 when the sleep completed), as clock_nanosleep does.</summary>
    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    internal static partial int ClockNanosleep(int clockId, int flags, in Timespec request, IntPtr remain);

    // Files and terminals.

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

    /// <summary>openpty(3); glibc >= 2.34 has it in libc itself.</summary>
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

    // Scheduling, memory and limits.

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    internal static partial int SchedSetScheduler(int pid, int policy, ref SchedParam param);

    /// <summary>sched_setaffinity(2) for a thread (0 = the caller) and a mask of <paramref name="cpuSetSize"/> bytes.</summary>
    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    internal static partial int SchedSetAffinity(int tid, nint cpuSetSize, ref ulong cpuSet);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    internal static partial int SchedGetAffinity(int tid, nint cpuSetSize, ref ulong cpuSet);

    [LibraryImport("libc", EntryPoint = "gettid")]
    internal static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "mlockall", SetLastError = true)]
    internal static partial int MlockAll(int flags);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    internal static partial int GetRlimit(int resource, out Rlimit limit);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    internal static partial long Sysconf(int name);

    // Users and groups.

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "getgroups", SetLastError = true)]
    internal static partial int GetGroups(int size, [Out] uint[] list);

    // Dynamic loading.

    /// <summary>dlvsym(3): glibc >= 2.34 exports it from libc.so.6 (Debian 12 ships 2.36, Ubuntu 22.04 2.35).</summary>
    [LibraryImport("libc.so.6", EntryPoint = "dlvsym", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr DlVsym(IntPtr handle, string symbol, string version);
}
