using HumanoidRl.Core.Tasks;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Robot;

namespace HumanoidRl.Sim.Randomization.Terms;

/// <summary>
/// joint_damping_scale, armature_scale, motor_strength_scale, pd_gain_scale: per joint factors, drawn joint by
/// joint in that order (one term, so the sequence of random draws stays the one trained policies saw).
/// </summary>
internal sealed class JointDynamicsTerm : RandomizationTerm
{
    public override void Apply(MjModel model, RandomizationSpec spec, HumanoidBinding binding, Random random, EpisodeRandomization drawn)
    {
        var damping = model.DofDamping;
        var armature = model.DofArmature;
        for (var j = 0; j < binding.JointDofAdr.Length; j++)
        {
            var dof = binding.JointDofAdr[j];
            damping[dof] *= spec.JointDampingScale.Sample(random);
            armature[dof] *= spec.ArmatureScale.Sample(random);
            drawn.MotorStrengthScale[j] = spec.MotorStrengthScale.Sample(random);
            drawn.PdGainScale[j] = spec.PdGainScale.Sample(random);
        }
    }
}
