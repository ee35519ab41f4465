using System.Runtime;
using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;

namespace HumanoidRl.Control.Tests.Controller;

public sealed class LoopMethodPrecompilerTests
{
    [Fact]
    public void An_interface_method_never_called_before_runs_without_compiling_once_its_type_is_prepared()
    {
        LoopMethodPrecompiler.PrepareMethodsOf(typeof(PreparedGain));
        ITestGain gain = new PreparedGain();
        long compiled = -1;

        // A thread of its own, as the loop has: the count is per thread, and the thread's own start is compiled before it.
        var thread = new Thread(() =>
        {
            var before = JitInfo.GetCompiledMethodCount(currentThread: true);
            _ = gain.Apply(3);
            compiled = JitInfo.GetCompiledMethodCount(currentThread: true) - before;
        });
        thread.Start();
        thread.Join();

        Assert.Equal(0, compiled);
    }

    [Fact]
    public void Every_mode_controller_is_among_the_types_prepared_for_the_ticks()
    {
        var controllers = typeof(IModeController).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IModeController).IsAssignableFrom(t));

        Assert.Equal(5, controllers.Count(t => !t.IsAbstract)); // one per mode; a shared base class is listed too
        Assert.All(controllers, t => Assert.Contains(t, LoopMethodPrecompiler.TickTypes));
    }

    private interface ITestGain
    {
        double Apply(double value);
    }

    /// <summary>Called only by the test above, so its first call compiles it unless it was prepared.</summary>
    private sealed class PreparedGain : ITestGain
    {
        public double Apply(double value) => Math.Sqrt(value + 1) * 2;
    }
}
