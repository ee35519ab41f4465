using System.Globalization;
using HumanoidRl.Control.Realtime;

namespace HumanoidRl.Control.Tests.Realtime;

/// <summary>Checked against the kernel's view of each thread's CPU mask (<see cref="ThreadCpus"/>).</summary>
public sealed partial class CpuReservationTests
{
    [Fact]
    public void Reserving_a_cpu_moves_the_other_threads_off_it_and_new_threads_inherit_that_until_dispose_gives_it_back()
    {
        var allowed = ThreadCpus.Allowed("self");
        var cpu = allowed.Max();
        string? refusal = null;
        int ownTid = 0;
        HashSet<int> ownCpus = [];
        int moved = 0;
        Dictionary<int, HashSet<int>> othersDuring = [];
        Dictionary<int, HashSet<int>> othersAfter = [];
        HashSet<int> startedDuring = [];
        var owner = new Thread(() =>
        {
            ownTid = gettid();
            var reservation = CpuReservation.TryReserve(cpu, out refusal);
            if (reservation is null) return;
            using (reservation)
            {
                moved = reservation.MovedThreads;
                ownCpus = ThreadCpus.Allowed(ownTid.ToString(CultureInfo.InvariantCulture));
                othersDuring = OtherThreads(ownTid);
                // Started from a moved thread (the thread pool's), as the daemon's gRPC threads are.
                startedDuring = Task.Run(() =>
                {
                    HashSet<int> cpus = [];
                    var child = new Thread(() => cpus = ThreadCpus.Allowed(gettid().ToString(CultureInfo.InvariantCulture)));
                    child.Start();
                    child.Join();
                    return cpus;
                }).GetAwaiter().GetResult();
            }
            othersAfter = OtherThreads(ownTid);
        });
        owner.Start();
        owner.Join();

        if (allowed.Count < 2)
        {
            Assert.Equal($"CPU {cpu} is the only CPU this process may use, so no other is left for its other threads", refusal);
            return;
        }
        Assert.Null(refusal);
        Assert.Equal([cpu], ownCpus);
        Assert.True(moved > 0, "no thread was moved");
        Assert.All(othersDuring, thread => Assert.DoesNotContain(cpu, thread.Value));
        Assert.NotEmpty(startedDuring);
        Assert.DoesNotContain(cpu, startedDuring);
        Assert.All(othersAfter, thread => Assert.Contains(cpu, thread.Value));
    }

    [Fact]
    public void A_cpu_the_process_may_not_use_is_refused_with_the_cpus_it_may()
    {
        var allowed = ThreadCpus.Allowed("self");
        var notAllowed = Enumerable.Range(0, 64).First(cpu => !allowed.Contains(cpu));

        var reservation = CpuReservation.TryReserve(notAllowed, out var refusal);

        Assert.Null(reservation);
        Assert.Equal($"CPU {notAllowed} is not among the CPUs this process may use ({CpuReservation.CpuList(Mask(allowed))})", refusal);
        Assert.Equal(allowed, ThreadCpus.Allowed("self"));
    }

    [Theory]
    [InlineData(0b1UL, "0")]
    [InlineData(0b11UL, "0-1")]
    [InlineData(0b1101UL, "0,2-3")]
    [InlineData(0x8000_0000_0000_0001UL, "0,63")]
    public void Cpu_masks_print_as_linux_cpu_lists(ulong mask, string expected) => Assert.Equal(expected, CpuReservation.CpuList(mask));

    private static Dictionary<int, HashSet<int>> OtherThreads(int ownTid)
    {
        var threads = new Dictionary<int, HashSet<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc/self/task"))
        {
            var tid = int.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture);
            if (tid == ownTid) continue;
            try
            {
                threads[tid] = ThreadCpus.Allowed(tid.ToString(CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread exited between the listing and the read.
            }
        }
        return threads;
    }

    private static ulong Mask(IEnumerable<int> cpus) => cpus.Aggregate(0UL, (mask, cpu) => mask | (1UL << cpu));

    [System.Runtime.InteropServices.LibraryImport("libc")]
    private static partial int gettid();
}
