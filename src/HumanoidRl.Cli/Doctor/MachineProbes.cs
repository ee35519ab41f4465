using System.Runtime.InteropServices;
using HumanoidRl.Control.Realtime;
using HumanoidRl.Shared;

namespace HumanoidRl.Cli.Doctor;

/// <summary>Checks of the robot computer: serial port access and real-time capabilities.</summary>
internal static class MachineProbes
{
    private const string SerialGroup = "dialout";
    private const int ProbePriority = 80;

    public static ProbeResult Serial()
    {
        var ports = new[] { "ttyUSB*", "ttyACM*" }
            .SelectMany(pattern => Directory.Exists("/dev") ? Directory.GetFiles("/dev", pattern) : [])
            .Order(StringComparer.Ordinal)
            .ToArray();
        var visible = ports.Length == 0 ? "no USB serial adapters visible" : $"ports: {string.Join(", ", ports)}";

        if (Libc.GetEuid() == 0) return ProbeResult.Pass($"{visible}; running as root, may open them");
        var serialGid = GroupId(SerialGroup);
        if (serialGid is null) return ProbeResult.Pass($"{visible}; no '{SerialGroup}' group on this system");
        if (SupplementaryGroups().Contains(serialGid.Value))
            return ProbeResult.Pass($"{visible}; user is in '{SerialGroup}', may open them");
        return ProbeResult.Fail(
            $"{visible}; user is not in '{SerialGroup}' and cannot open serial ports. " +
            $"Fix: sudo usermod -aG {SerialGroup} $USER, then log out and in again");
    }

    public static ProbeResult Realtime()
    {
        var fifoRefusal = LinuxRealtime.ProbeFifo(ProbePriority);
        var memlock = LinuxRealtime.MemlockLimitBytes();
        var memlockText = memlock is null ? "unlimited" : $"{memlock.Value / 1024} KiB";
        var facts = $"cores: {Environment.ProcessorCount}; memlock limit: {memlockText}";
        var fifoText = fifoRefusal is null ? $"SCHED_FIFO priority {ProbePriority} allowed" : $"SCHED_FIFO refused ({fifoRefusal})";
        // Root holds CAP_IPC_LOCK, so mlockall succeeds whatever the soft limit says.
        var memlockOk = memlock is null || Libc.GetEuid() == 0;
        if (fifoRefusal is null && memlockOk) return ProbeResult.Pass($"{fifoText}; {facts}");
        return ProbeResult.Fail(
            $"{fifoText}; {facts}. Optional hardening for the 500 Hz loop. " +
            "Fix: printf '@realtime - rtprio 90\\n@realtime - memlock unlimited\\n' | " +
            "sudo tee /etc/security/limits.d/humanoid-rl.conf && sudo groupadd -f realtime && " +
            "sudo usermod -aG realtime $USER, then log in again");
    }

    private static uint? GroupId(string name)
    {
        if (!File.Exists("/etc/group")) return null;
        foreach (var line in File.ReadLines("/etc/group"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == name && uint.TryParse(fields[2], out var gid)) return gid;
        }
        return null;
    }

    private static HashSet<uint> SupplementaryGroups()
    {
        var count = Libc.GetGroups(0, []);
        if (count < 0) throw new InvalidOperationException($"getgroups failed: {Marshal.GetLastPInvokeErrorMessage()}");
        var groups = new uint[count];
        return Libc.GetGroups(count, groups) < 0 ? [] : [.. groups];
    }
}
