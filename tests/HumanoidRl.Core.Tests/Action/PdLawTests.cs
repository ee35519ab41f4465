using HumanoidRl.Core.Action;

namespace HumanoidRl.Core.Tests.Action;

public sealed class PdLawTests
{
    [Theory]
    [InlineData(100.0, 2.0, 0.5, 0.3, 0.0, 20.0)]   // behind the target: pushes towards it
    [InlineData(100.0, 2.0, 0.5, 0.7, 0.0, -20.0)]  // past the target: pulls back
    [InlineData(100.0, 2.0, 0.5, 0.5, 3.0, -6.0)]   // on the target and moving: damps the motion
    [InlineData(0.0, 2.0, 0.5, 0.1, -1.5, 3.0)]     // Kp = 0 is pure damping
    public void Torque_is_stiffness_times_position_error_minus_damping_times_velocity(
        double kpNmPerRad, double kdNmSPerRad, double targetRad, double positionRad, double velocityRadPerS, double expectedNm)
    {
        Assert.Equal(expectedNm, PdLaw.TorqueNm(kpNmPerRad, kdNmSPerRad, targetRad, positionRad, velocityRadPerS), precision: 12);
    }
}
