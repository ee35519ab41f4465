using TorchSharp;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Ppo;

/// <summary>
/// ELU (alpha 1) whose Scalar arguments live as long as the module. TorchSharp 0.107's nn.ELU creates them per
/// call and leaves them to the finalizer, which can free them while libtorch is still reading them: a training run
/// died in elu with "Expected false to be true" (the freed Scalar's type tag). The activation is the same.
/// </summary>
public sealed class HeldScalarElu : nn.Module<Tensor, Tensor>
{
    private readonly Scalar _one = 1.0.ToScalar();

    public HeldScalarElu() : base("ELU")
    {
    }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.elu(_one, _one, _one);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _one.Dispose();
        base.Dispose(disposing);
    }
}
