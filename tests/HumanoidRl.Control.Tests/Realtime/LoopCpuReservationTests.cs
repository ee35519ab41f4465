using HumanoidRl.Control.Realtime;

namespace HumanoidRl.Control.Tests.Realtime;

public sealed class LoopCpuReservationTests
{
    [Theory]
    [InlineData(0, 0, 0b1110UL)]
    [InlineData(1, 0, 0b1101UL)]
    [InlineData(63, 0, 0x7FFF_FFFF_FFFF_FFFFUL)]
    public void Without_clears_the_one_cpu_in_its_word_and_nothing_else(int cpu, int word, ulong expected)
    {
        var mask = new ulong[16];
        mask[0] = cpu == 63 ? ulong.MaxValue : 0b1111UL;
        mask[1] = 0b1UL;

        var kept = LoopCpuReservation.Without(mask, cpu);

        Assert.Equal(expected, kept[word]);
        Assert.Equal(0b1UL, kept[1]);
        Assert.Equal(cpu == 63 ? ulong.MaxValue : 0b1111UL, mask[0]); // the thread's own mask is left as read
    }

    [Fact]
    public void A_thread_allowed_on_the_loop_cpu_only_is_left_with_an_empty_mask_so_it_moves_to_the_callers_other_cpus()
    {
        var pinnedToOne = new ulong[16];
        pinnedToOne[0] = 1UL << 1;

        Assert.True(LoopCpuReservation.IsEmpty(LoopCpuReservation.Without(pinnedToOne, 1)));
        Assert.False(LoopCpuReservation.IsEmpty(pinnedToOne));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(64)]
    public void A_cpu_outside_0_to_63_is_refused_before_any_thread_is_moved(int cpu)
    {
        Assert.Equal($"CPU {cpu} is outside 0..63", LoopCpuReservation.TryKeepOtherThreadsOff(cpu));
    }
}
