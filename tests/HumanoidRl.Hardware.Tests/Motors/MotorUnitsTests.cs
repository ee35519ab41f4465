using HumanoidRl.Hardware.Motors;

namespace HumanoidRl.Hardware.Tests.Motors;

public sealed class MotorUnitsTests
{
    private static readonly MotorModel Xm430 = MotorModelCatalog.XM430W350;

    [Fact]
    public void A_full_turn_is_4096_counts_on_x_series()
    {
        Assert.Equal(2 * Math.PI, MotorUnits.CountsToRad(Xm430, 4096), 12);
        Assert.Equal(1024, MotorUnits.RadToCounts(Xm430, Math.PI / 2));
    }

    [Fact]
    public void One_velocity_unit_is_0_229_rpm()
    {
        Assert.Equal(0.229 * 2 * Math.PI / 60, MotorUnits.VelocityUnitsToRadPerS(Xm430, 1), 12);
        Assert.Equal(100, MotorUnits.RadPerSToVelocityUnits(Xm430, MotorUnits.VelocityUnitsToRadPerS(Xm430, 100)));
    }

    [Fact]
    public void Current_units_are_2_69_mA_and_clamp_at_the_models_current_limit()
    {
        Assert.Equal(2.69, MotorUnits.CurrentUnitsToA(Xm430, 1000), 9);
        Assert.Equal(1193, MotorUnits.AToCurrentUnits(Xm430, 100));
        Assert.Equal(-1193, MotorUnits.AToCurrentUnits(Xm430, -100));
    }

    [Fact]
    public void Torque_uses_the_models_current_to_torque_constant()
    {
        Assert.Equal(1.78, MotorUnits.CurrentAToTorqueNm(Xm430, 1), 12);
        var error = Assert.Throws<InvalidOperationException>(() => MotorUnits.CurrentAToTorqueNm(MotorModelCatalog.PH54200S500, 1));
        Assert.Contains("PH54-200-S500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Joint_calibration_applies_direction_and_zero_offset_both_ways()
    {
        var mirrored = new JointCalibration(Xm430, direction: -1, zeroOffsetCounts: 2048);

        Assert.Equal(-Math.PI / 2, mirrored.AngleRad(3072), 12);
        Assert.Equal(3072, mirrored.PositionCounts(-Math.PI / 2));
        Assert.True(mirrored.VelocityRadPerS(10) < 0);
        Assert.Equal(-MotorUnits.AToCurrentUnits(Xm430, 1.0), mirrored.GoalCurrentUnits(1.78));
        Assert.Equal(1.78 * 2.69 * 0.1, mirrored.TorqueNm(-100), 9);
    }

    [Fact]
    public void Joint_calibration_refuses_a_direction_other_than_plus_or_minus_one_and_a_model_without_torque_constant()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JointCalibration(Xm430, 0, 2048));
        var error = Assert.Throws<ArgumentException>(() => new JointCalibration(MotorModelCatalog.PH42020S300, 1, 0));
        Assert.Contains("PH42-020-S300", error.Message, StringComparison.Ordinal);
        Assert.Equal(3.0, new JointCalibration(MotorModelCatalog.PH42020S300, 1, 0, torqueConstantNmPerA: 3.0).TorqueConstantNmPerA);
    }

    [Fact]
    public void Catalog_finds_models_by_number_and_name_and_names_the_known_ones_otherwise()
    {
        Assert.Same(MotorModelCatalog.XM430W350, MotorModelCatalog.Find(1020));
        Assert.Null(MotorModelCatalog.Find(9999));
        Assert.Same(MotorModelCatalog.PH54100S500, MotorModelCatalog.Get("ph54-100-s500"));
        var error = Assert.Throws<ArgumentException>(() => MotorModelCatalog.Get("XL320"));
        Assert.Contains("XM430-W350", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, MotorModelCatalog.XSeriesTable.PresentStateSizeBytes);
        Assert.Equal(10, MotorModelCatalog.PSeriesTable.PresentStateSizeBytes);
    }
}
