using HumanoidRl.Core.Action;
using HumanoidRl.MuJoCo;
using HumanoidRl.Sim.Environment;

namespace HumanoidRl.Cli.Bench;

/// <summary>PD hold of the default pose with the robot's stand gains: keeps benchmarked robots standing.</summary>
internal sealed class StandingHold(HumanoidTask task)
{
    private double TorqueNm(MjData data, int joint)
    {
        var binding = task.Binding;
        var tau = PdLaw.TorqueNm(task.StandKpNmPerRad[joint], task.StandKdNmSPerRad[joint], task.DefaultPoseRad[joint],
            data.Qpos[binding.JointQposAdr[joint]], data.Qvel[binding.JointDofAdr[joint]]);
        return Math.Clamp(tau, -task.TorqueLimitNm[joint], task.TorqueLimitNm[joint]);
    }

    public void ApplyTorques(MjData data)
    {
        for (var j = 0; j < task.JointCount; j++) data.Ctrl[task.Binding.ActuatorId[j]] = TorqueNm(data, j);
    }

    /// <summary>The normalized action that asks the environment for the same hold (zero in PD-target mode).</summary>
    public void Actions(MjData data, Span<float> action)
    {
        var mapping = task.ActionMapping;
        for (var j = 0; j < task.JointCount; j++)
            action[j] = mapping.Mode == ActionMode.Torque ? (float)(TorqueNm(data, j) / (task.TorqueLimitNm[j] * mapping.ActionScale)) : 0f;
    }
}
