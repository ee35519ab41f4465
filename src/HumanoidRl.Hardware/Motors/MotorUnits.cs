namespace HumanoidRl.Hardware.Motors;

/// <summary>Conversions between register units and SI for a <see cref="MotorModel"/>, before joint direction/offset.</summary>
public static class MotorUnits
{
    private const double RadPerSPerRpm = 2 * Math.PI / 60;

    public static double RadPerCount(MotorModel model) => 2 * Math.PI / model.PositionCountsPerRevolution;

    public static double CountsToRad(MotorModel model, int counts) => counts * RadPerCount(model);

    public static int RadToCounts(MotorModel model, double angleRad) => (int)Math.Round(angleRad / RadPerCount(model));

    public static double VelocityUnitsToRadPerS(MotorModel model, int units) => units * model.VelocityUnitRpm * RadPerSPerRpm;

    public static int RadPerSToVelocityUnits(MotorModel model, double velocityRadPerS) =>
        (int)Math.Round(velocityRadPerS / (model.VelocityUnitRpm * RadPerSPerRpm));

    public static double CurrentUnitsToA(MotorModel model, short units) => units * model.CurrentUnitA;

    /// <summary>Current in register units, rounded and clamped to +-<see cref="MotorModel.CurrentLimitMaxUnits"/>.</summary>
    public static short AToCurrentUnits(MotorModel model, double currentA)
    {
        var units = Math.Round(currentA / model.CurrentUnitA);
        return (short)Math.Clamp(units, -model.CurrentLimitMaxUnits, model.CurrentLimitMaxUnits);
    }

    /// <summary>Torque for a current with the model's catalog constant; throws when the catalog has none.</summary>
    public static double CurrentAToTorqueNm(MotorModel model, double currentA) =>
        currentA * (model.TorqueConstantNmPerA
            ?? throw new InvalidOperationException(
                $"motor model {model.Name} has no torque constant in the catalog; take it from the robot config"));
}
