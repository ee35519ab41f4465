using HumanoidRl.Control.Controller;
using HumanoidRl.Core.Geometry;

namespace HumanoidRl.Daemon.Tests.Hosting;

/// <summary>
/// Where the simulated robot's base is (world frame, m), which way it faces (yaw from the IMU telemetry: the IMU
/// sits at the base's origin, unrotated) and the simulated time, taken together from a running daemon.
/// </summary>
internal readonly record struct BasePose(double XM, double YM, double ZM, double YawRad, double SimulatedTimeS)
{
    public static BasePose Of(RunningDaemon daemon)
    {
        ArgumentNullException.ThrowIfNull(daemon);
        var sample = new TelemetrySample(daemon.Robot.Config.JointCount);
        if (!daemon.Robot.Controller.Telemetry.TryReadLatest(sample))
            throw new InvalidOperationException("the loop has published no telemetry yet");
        var (x, y, z) = daemon.Simulator.BasePositionM;
        var yaw = Quat.FromSpan(sample.ImuQuaternion).Normalized().ToRollPitchYaw().YawRad;
        return new BasePose(x, y, z, yaw, daemon.Simulator.SimulatedTimeS);
    }

    /// <summary>Horizontal distance to another pose (m).</summary>
    public double HorizontalDistanceM(BasePose other) => Math.Sqrt(Math.Pow(other.XM - XM, 2) + Math.Pow(other.YM - YM, 2));

    /// <summary>
    /// The displacement to <paramref name="later"/> split into forward and leftward parts (m), along the mean of
    /// the two headings (a slow turn while walking counts as forward, not as sideways drift).
    /// </summary>
    public (double ForwardM, double LeftM) DisplacementTo(BasePose later)
    {
        var headingRad = Math.Atan2(Math.Sin(YawRad) + Math.Sin(later.YawRad), Math.Cos(YawRad) + Math.Cos(later.YawRad));
        var (dx, dy) = (later.XM - XM, later.YM - YM);
        return ((dx * Math.Cos(headingRad)) + (dy * Math.Sin(headingRad)), (-dx * Math.Sin(headingRad)) + (dy * Math.Cos(headingRad)));
    }
}
