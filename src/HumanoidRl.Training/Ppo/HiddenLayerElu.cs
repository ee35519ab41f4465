using TorchSharp;
using static TorchSharp.torch;

namespace HumanoidRl.Training.Ppo;

/// <summary>
/// The activation after each hidden layer of the actor and the critic: ELU with alpha 1. It holds its Scalar
/// arguments for the module's lifetime because TorchSharp's nn.ELU creates them per call and leaves them to the
/// finalizer, which can free them while libtorch still reads them.
/// </summary>
public sealed class HiddenLayerElu : nn.Module<Tensor, Tensor>
{
    private readonly Scalar _one = 1.0.ToScalar();

    public HiddenLayerElu() : base("ELU")
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
