using HumanoidRl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Native;

public sealed class TorchSharpLoaderTests
{
    [Fact]
    public void Remedy_is_applied_exactly_when_the_system_libstdcxx_lacks_the_version()
    {
        var report = TorchSharpLoader.Ensure();
        var systemIsNewEnough = TorchSharpLoader.SystemLibstdcxxHasVersion(TorchSharpLoader.MissingVersion);

        Assert.Equal(!systemIsNewEnough, report.RemedyApplied);
        if (report.RemedyApplied)
        {
            Assert.True(File.Exists(report.PatchedLibraryPath));
            Assert.DoesNotContain(".nuget", report.PatchedLibraryPath!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Mlp_forward_backward_and_optimizer_step_change_the_weights_and_lower_the_loss()
    {
        TorchSharpLoader.Ensure();
        random.manual_seed(7);
        using var model = nn.Sequential(("in", nn.Linear(4, 16)), ("act", nn.ELU()), ("out", nn.Linear(16, 1)));
        using var optimizer = optim.Adam(model.parameters(), lr: 0.05);
        using var inputs = randn(64, 4);
        using var targets = inputs.sum(1, keepdim: true);
        var before = model.parameters().First().detach().clone();

        float firstLoss = 0, lastLoss = 0;
        for (var step = 0; step < 50; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(inputs), targets);
            loss.backward();
            optimizer.step();
            if (step == 0) firstLoss = loss.item<float>();
            lastLoss = loss.item<float>();
        }

        Assert.False(before.allclose(model.parameters().First()), "optimizer step left the first layer's weights unchanged");
        Assert.True(lastLoss < firstLoss * 0.2f, $"loss should fall by 5x in 50 Adam steps: {firstLoss} -> {lastLoss}");
    }
}
