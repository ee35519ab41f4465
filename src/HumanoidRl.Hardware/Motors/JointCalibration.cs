namespace HumanoidRl.Hardware.Motors;

/// <summary>
/// Maps motor units to joint units for one joint: <c>angle = Direction * (counts - ZeroOffsetCounts) * 2 pi / countsPerRev</c>.
/// Direction is +1 or -1 (mirrored joints); the zero offset is the motor position at the joint's zero angle.
/// </summary>
public sealed record JointCalibration
{
    public JointCalibration(MotorModel model, int direction, int zeroOffsetCounts, double? torqueConstantNmPerA = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (direction is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "joint direction must be +1 or -1");
        }
        Model = model;
        Direction = direction;
        ZeroOffsetCounts = zeroOffsetCounts;
        TorqueConstantNmPerA = torqueConstantNmPerA ?? model.TorqueConstantNmPerA
            ?? throw new ArgumentException(
                $"motor model {model.Name} has no torque constant in the catalog; give torqueConstantNmPerA from the robot config",
                nameof(torqueConstantNmPerA));
    }

    public MotorModel Model { get; }

    public int Direction { get; }

    public int ZeroOffsetCounts { get; }

    public double TorqueConstantNmPerA { get; }

    public double AngleRad(int positionCounts) =>
        Direction * (positionCounts - ZeroOffsetCounts) * MotorUnits.RadPerCount(Model);

    public int PositionCounts(double angleRad) =>
        ZeroOffsetCounts + (int)Math.Round(Direction * angleRad / MotorUnits.RadPerCount(Model));

    public double VelocityRadPerS(int velocityUnits) => Direction * MotorUnits.VelocityUnitsToRadPerS(Model, velocityUnits);

    public double CurrentA(short currentUnits) => Direction * MotorUnits.CurrentUnitsToA(Model, currentUnits);

    public double TorqueNm(short currentUnits) => CurrentA(currentUnits) * TorqueConstantNmPerA;

    /// <summary>Goal Current units for a joint torque, clamped to the model's current limit.</summary>
    public short GoalCurrentUnits(double torqueNm) => MotorUnits.AToCurrentUnits(Model, Direction * torqueNm / TorqueConstantNmPerA);
}
