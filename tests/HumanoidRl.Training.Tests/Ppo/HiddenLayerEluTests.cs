using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Tests.Ppo;

public sealed class HiddenLayerEluTests
{
    public HiddenLayerEluTests() => TorchSharpLoader.Ensure();

    [Fact]
    public void Computes_the_same_activation_and_gradient_as_torch_elu()
    {
        using var elu = new HiddenLayerElu();
        manual_seed(2);
        using var input = (randn(64, 8) * 3).requires_grad_();
        using var reference = input.detach().clone().requires_grad_();

        using var output = elu.forward(input);
        using var expected = nn.functional.elu(reference, 1.0);
        output.sum().backward();
        expected.sum().backward();

        Assert.True(input.min().item<float>() < -1 && input.max().item<float>() > 1, "the input must cover both branches");
        Assert.Equal(expected.data<float>().ToArray(), output.data<float>().ToArray());
        Assert.Equal(reference.grad!.data<float>().ToArray(), input.grad!.data<float>().ToArray());
    }
}
