namespace HumanoidRl.Sim.Environment;

/// <summary>The simulated robot's true base state.</summary>
/// <param name="RollRad">Roll of the base.</param>
/// <param name="PitchRad">Pitch of the base.</param>
/// <param name="HeightM">Base height above the floor.</param>
/// <param name="ForwardMPerS">Velocity along the heading.</param>
/// <param name="LateralMPerS">Velocity to the left of the heading.</param>
/// <param name="YawRateRadPerS">Turn rate about the world vertical.</param>
/// <param name="XM">World x position.</param>
/// <param name="YM">World y position.</param>
public readonly record struct BaseState(double RollRad, double PitchRad, double HeightM, double ForwardMPerS, double LateralMPerS,
    double YawRateRadPerS, double XM, double YM);
