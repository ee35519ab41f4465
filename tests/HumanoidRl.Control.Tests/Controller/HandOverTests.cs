using System.Globalization;
using HumanoidRl.Control.Controller;
using HumanoidRl.Control.Modes;

namespace HumanoidRl.Control.Tests.Controller;

/// <summary>
/// The hand-over from StandUp to Policy, with the daemon's own stand-up time and the robot config's soft start, on the
/// simulator run as fast as it goes.
/// </summary>
public sealed class HandOverTests
{
    private const int SimulatedPolicyTicks = 2_500;

    /// <summary>
    /// A PD walk policy that scores well in evaluation but fell 1.8 s after a 0.5 s soft start in three runs of three: the
    /// hold absorbed its actions, it wound up against it and overshot when the blend ended.
    /// </summary>
    private static string SensitivePolicyPath { get; } =
        Path.Combine(ControllerFixture.RepositoryRoot, "models", "candidates", "humanoid16-walk-pd-bigbatch-1300.onnx");

    [Fact]
    public void A_PD_walk_policy_sensitive_to_the_hand_over_stands_through_the_configured_soft_start()
    {
        var settings = ControllerSettings.FromRobot(ControllerFixture.Robot) with { FreeRun = true };
        using var controller = ControllerFixture.OnSimulator(settings);
        controller.LoadPolicy(SensitivePolicyPath);
        controller.Start();
        ControllerFixture.StandUp(controller);

        Assert.Null(controller.RequestMode(ControlMode.Policy).Reason);
        var handOver = controller.Ticks;
        ControllerFixture.WaitFor(() => controller.Ticks > handOver + SimulatedPolicyTicks || controller.Mode != ControlMode.Policy,
            $"{SimulatedPolicyTicks} ticks in Policy", timeoutMs: 60_000);

        var status = controller.Status();
        var seconds = (controller.Ticks - handOver) * settings.PeriodNs / 1e9;
        Assert.True(status.Mode == ControlMode.Policy,
            string.Create(CultureInfo.InvariantCulture,
                $"left Policy {seconds:F2} s after the hand-over (soft start {settings.Safety.SoftStartS} s): {status.LastFault}"));
    }
}
