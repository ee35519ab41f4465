using HumanoidRl.Control.Policy;

namespace HumanoidRl.Control.Tests.Policy;

public sealed class OnnxRuntimeInfoTests
{
    [Fact]
    public void Environment_is_created_and_reports_version_and_cpu_provider()
    {
        var info = OnnxRuntimeInfo.Query();

        Assert.Matches(@"^1\.\d+\.\d+", info.Version);
        Assert.Contains("CPUExecutionProvider", info.Providers);
    }
}
